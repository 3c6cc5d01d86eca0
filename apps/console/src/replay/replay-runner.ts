import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ReplayProgress, ReplayRunRecord } from '@app/contracts';
import { CatalogVersionStore, wasCancelled, ReplayRunStore, WindowReplayer } from '@app/persistence';
import { AppLogger, TypedConfig } from '@app/platform';
import { pagedReplay } from '@app/rules';
import { BackgroundJob } from '../common/background-job';
import { replayHistory } from './replay-history';

/** A running run whose worker wrote nothing for this long is reported failed (abandoned). */
const ABANDONED_AFTER_MS = 120_000;
/** A running run proves it is alive this often, whatever its phase. */
const HEARTBEAT_MS = 15_000;
/** Progress is written to the run's row at most this often (and at every phase). */
const PROGRESS_WRITE_MS = 300;
/** How often a running replay looks whether it was cancelled (at a progress report, or the heartbeat). */
const CANCEL_CHECK_MS = 1_000;

/**
 * Window replays, role `worker`: takes the queued runs one at a time (`claimNext`, `FOR UPDATE SKIP
 * LOCKED`, so several workers share them), runs each through the `WindowReplayer` and writes its
 * progress and result to the run's row, which any api instance reads. A replay is CPU-bound: here
 * it never shares an event loop with the wall's sockets unless one process runs both roles.
 */
@Injectable()
export class ReplayRunner extends BackgroundJob {
  readonly intervalMs = 2_000;
  /** Stops the running replay between two pages when the process shuts down. */
  private readonly shutdown = new AbortController();

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ReplayRunStore) private readonly runs: ReplayRunStore,
    @Inject(CatalogVersionStore) private readonly versions: CatalogVersionStore,
    @Inject(TypedConfig) private readonly config: TypedConfig,
    @Inject(AppLogger) private readonly logger: AppLogger,
  ) {
    super('replay runner', logger);
  }

  protected override async setUp(): Promise<void> {
    const abandoned = await this.runs.failAbandoned(ABANDONED_AFTER_MS);
    if (abandoned > 0) this.logger.pino.warn({ abandoned }, 'replay runs of a stopped worker marked failed');
  }

  override async onApplicationShutdown(): Promise<void> {
    this.shutdown.abort(new Error('the worker stopped during the run'));
    await super.onApplicationShutdown();
  }

  /** Every queued run, oldest first, one at a time. */
  async run(): Promise<void> {
    for (;;) {
      if (this.shutdown.signal.aborted) return;
      const run = await this.runs.claimNext();
      if (!run) return;
      await this.execute(run);
    }
  }

  private async execute(run: ReplayRunRecord): Promise<void> {
    // stops the run between two pages: the process shuts down, or someone cancelled it
    const stop = new AbortController();
    const onShutdown = () => stop.abort(this.shutdown.signal.reason);
    this.shutdown.signal.addEventListener('abort', onShutdown, { once: true });
    let lastCheck = Date.now();
    const cancelled = async (): Promise<boolean> => {
      const current = await this.runs.get(run.id);
      return current !== null && wasCancelled(current);
    };
    const checkCancelled = async () => {
      lastCheck = Date.now();
      if (!stop.signal.aborted && (await cancelled())) stop.abort(new Error('cancelled'));
    };
    const heartbeat = setInterval(() => {
      void this.runs.heartbeat(run.id).catch(() => undefined);
      void checkCancelled().catch(() => undefined);
    }, HEARTBEAT_MS);
    heartbeat.unref();
    try {
      const history = await replayHistory(this.versions, this.config.values.CATALOG_DIR, run.catalog);
      let lastWrite = 0;
      const replayer = new WindowReplayer(this.dataSource, {
        signal: stop.signal,
        // the replayer waits for each report, so writes never overlap
        onProgress: async (progress: ReplayProgress) => {
          const now = Date.now();
          if (now - lastCheck >= CANCEL_CHECK_MS) await checkCancelled();
          if (stop.signal.aborted) return;
          if (progress.phase === 'replaying' && now - lastWrite < PROGRESS_WRITE_MS) return;
          lastWrite = now;
          await this.runs.progress(run.id, progress);
        },
      });
      const outcome = await replayer.run({
        runId: run.id,
        fromMs: Date.parse(run.from),
        endMs: Date.parse(run.end),
        departments: run.departments,
        lookbackDays: run.lookbackDays,
        replay: pagedReplay(history),
      });
      if (await cancelled()) {
        await this.runs.discardPartial(run.id);
        this.logger.pino.info({ replay: run.id }, 'replay cancelled');
        return;
      }
      await this.runs.finish(run.id, outcome);
      this.logger.pino.info(
        {
          replay: run.id,
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
      if (await cancelled().catch(() => false)) {
        this.logger.pino.info({ replay: run.id }, 'replay cancelled');
        await this.runs.discardPartial(run.id).catch(() => undefined);
        return;
      }
      this.logger.pino.error({ err: error, replay: run.id }, 'replay failed');
      await this.runs
        .fail(run.id, error instanceof Error ? error.message : String(error))
        .catch(() => undefined);
    } finally {
      clearInterval(heartbeat);
      this.shutdown.signal.removeEventListener('abort', onShutdown);
    }
  }
}
