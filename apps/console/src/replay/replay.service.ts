import {
  BadRequestException,
  Inject,
  Injectable,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CatalogHistory } from '@app/catalog';
import { parseInstant } from '@app/contracts';
import {
  Actor,
  CatalogSelection,
  CatalogVersionStore,
  loadLiveCatalog,
  ReplayProgress,
  ReplayRunRecord,
  ReplayRunStore,
  WindowReplayer,
} from '@app/persistence';
import { AppLogger, Clock, TypedConfig } from '@app/platform';

/** A run whose console stopped answering for this long is reported failed (abandoned). */
const ABANDONED_AFTER_MS = 120_000;
/** Queued and running runs prove they are alive this often. */
const HEARTBEAT_MS = 15_000;
/** Progress is written to the run's row at most this often (and at every phase). */
const PROGRESS_WRITE_MS = 300;
export const DEFAULT_LOOKBACK_DAYS = 400;

export interface ReplayRequest {
  from: string;
  to: string;
  departments?: string[];
  catalog: CatalogSelection;
  lookbackDays: number;
}

/**
 * Window replays, one at a time per console instance (a replay is CPU-bound; others wait in the
 * queue). The request is recorded with its audit entry before anything runs; the run writes only
 * the replay tables, never signals or the outbox, so nothing is notified and no live signal moves.
 */
@Injectable()
export class ReplayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly queue: string[] = [];
  private running: string | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private stopping = false;
  private idle: Promise<void> = Promise.resolve();
  /** Stops the running replay between two pages when the console shuts down. */
  private readonly shutdown = new AbortController();

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ReplayRunStore) private readonly runs: ReplayRunStore,
    @Inject(CatalogVersionStore) private readonly versions: CatalogVersionStore,
    @Inject(TypedConfig) private readonly config: TypedConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AppLogger) private readonly logger: AppLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const abandoned = await this.runs.failAbandoned(ABANDONED_AFTER_MS);
    if (abandoned > 0) this.logger.pino.warn({ abandoned }, 'replay runs of a stopped console marked failed');
    this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.heartbeat);
    for (const id of this.queue.splice(0))
      await this.runs.fail(id, 'the console stopped before the run started');
    this.shutdown.abort(new Error('the console stopped during the run'));
    await this.idle;
  }

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
    this.queue.push(run.id);
    this.kick();
    return run;
  }

  /**
   * The catalogue history of a replay: the published versions ("in force", the version in force at
   * each case's first event), or those with a candidate in the place it would take if published at
   * its effective instant (replacing a published version at the same instant).
   */
  async historyFor(selection: CatalogSelection): Promise<CatalogHistory> {
    const live = await loadLiveCatalog(this.versions, this.config.values.CATALOG_DIR);
    if (selection.mode === 'in-force') return live.history;
    const candidate = await this.versions.get(selection.versionId);
    if (!candidate)
      throw new BadRequestException(`catalog.versionId: no catalogue version ${selection.versionId}`);
    const effectiveFrom = Date.parse(candidate.effectiveFrom);
    return new CatalogHistory([
      ...live.history.all.filter((version) => version.effectiveFrom !== effectiveFrom),
      { version: candidate.id, effectiveFrom, data: candidate.data },
    ]);
  }

  private kick(): void {
    if (this.running !== undefined || this.stopping) return;
    const id = this.queue.shift();
    if (id === undefined) return;
    this.running = id;
    this.idle = this.execute(id).finally(() => {
      this.running = undefined;
      this.kick();
    });
  }

  private async execute(id: string): Promise<void> {
    try {
      const run = await this.runs.get(id);
      if (!run) return;
      const history = await this.historyFor(run.catalog);
      await this.runs.start(id);
      let lastWrite = 0;
      const replayer = new WindowReplayer(this.dataSource, {
        signal: this.shutdown.signal,
        // the replayer waits for each report, so writes never overlap
        onProgress: async (progress: ReplayProgress) => {
          const now = Date.now();
          if (progress.phase === 'replaying' && now - lastWrite < PROGRESS_WRITE_MS) return;
          lastWrite = now;
          await this.runs.progress(id, progress);
        },
      });
      const outcome = await replayer.run({
        runId: id,
        fromMs: Date.parse(run.from),
        endMs: Date.parse(run.end),
        departments: run.departments,
        lookbackDays: run.lookbackDays,
        history,
      });
      await this.runs.finish(id, outcome);
      this.logger.pino.info(
        {
          replay: id,
          events: outcome.eventsRead,
          eventsPerSecond: outcome.eventsPerSecond,
          signals: outcome.signals,
          missing: outcome.missing,
          extra: outcome.extra,
          different: outcome.different,
        },
        'replay done',
      );
    } catch (error) {
      this.logger.pino.error({ err: error, replay: id }, 'replay failed');
      await this.runs.fail(id, error instanceof Error ? error.message : String(error)).catch(() => undefined);
    }
  }

  private async beat(): Promise<void> {
    const alive = [...this.queue, ...(this.running ? [this.running] : [])];
    if (alive.length === 0) return;
    await this.dataSource
      .query(`UPDATE replay_runs SET heartbeat_at = now() WHERE id = ANY($1::uuid[])`, [alive])
      .catch(() => undefined);
  }
}
