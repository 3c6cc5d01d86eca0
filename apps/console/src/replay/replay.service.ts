import { BadRequestException, Inject, Injectable, Optional } from '@nestjs/common';
import type { CatalogHistory } from '@app/catalog';
import { parseInstant, Actor, CatalogSelection, ReplayRunRecord } from '@app/contracts';
import { CatalogVersionStore, ReplayRunStore } from '@app/persistence';
import { Clock, TypedConfig } from '@app/platform';
import { replayHistory } from './replay-history';
import { ReplayRunner } from './replay-runner';

export const DEFAULT_LOOKBACK_DAYS = 400;

export interface ReplayRequest {
  from: string;
  to: string;
  departments?: string[];
  catalog: CatalogSelection;
  lookbackDays: number;
}

/**
 * Window replays, role `api`: a request is validated and recorded (with its audit entry) as a
 * queued run, which a worker's `ReplayRunner` takes. The run writes only the replay tables, never
 * signals or the outbox, so nothing is notified and no live signal moves.
 */
@Injectable()
export class ReplayService {
  constructor(
    @Inject(ReplayRunStore) private readonly runs: ReplayRunStore,
    @Inject(CatalogVersionStore) private readonly versions: CatalogVersionStore,
    @Inject(TypedConfig) private readonly config: TypedConfig,
    @Inject(Clock) private readonly clock: Clock,
    // the worker role's runner, when it runs in this process; apart, it polls for queued runs
    @Optional() @Inject(ReplayRunner) private readonly runner?: ReplayRunner,
  ) {}

  /** Validates and records the request, then queues it; answers at once with the queued run. */
  async submit(request: ReplayRequest, actor: Actor): Promise<ReplayRunRecord> {
    const from = parseInstant(request.from);
    const to = parseInstant(request.to);
    if (!(to > from)) throw new BadRequestException('to: the window ends after it starts');
    const watermark = this.clock.now() - this.config.values.TIMER_GRACE_MS;
    if (from >= watermark)
      throw new BadRequestException(
        `from: the window must start before the live watermark ${new Date(watermark).toISOString()} (now minus TIMER_GRACE_MS)`,
      );
    // a bad candidate is refused now, not when the run starts
    await this.historyFor(request.catalog);
    const run = await this.runs.create(
      {
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        watermark: new Date(watermark).toISOString(),
        departments: request.departments?.length ? [...new Set(request.departments)].sort() : null,
        catalog: request.catalog,
        lookbackDays: request.lookbackDays,
      },
      actor,
    );
    this.runner?.kick();
    return run;
  }

  /**
   * The catalogue history of a replay: the published versions ("in force", the version in force at
   * each case's first event), or those with a candidate in the place it would take if published at
   * its effective instant (replacing a published version at the same instant).
   */
  historyFor(selection: CatalogSelection): Promise<CatalogHistory> {
    return replayHistory(this.versions, this.config.values.CATALOG_DIR, selection);
  }
}
