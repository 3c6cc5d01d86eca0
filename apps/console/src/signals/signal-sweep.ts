import { SignalStore, SignalTransaction } from '@app/persistence';
import { AppLogger, Clock, TypedConfig } from '@app/platform';
import { BackgroundJob, inBatches } from '../common/background-job';
import { AlertsOutboxRelay } from '../outbox/alerts-outbox.relay';

/** How a sweep runs: how many signals a transaction takes, and the setting of its interval. */
export interface SweepPace {
  batchSize: number;
  intervalSetting: 'OVERDUE_SWEEP_INTERVAL_MS' | 'SIGNAL_REGISTRAR_INTERVAL_MS';
}

/**
 * A background job over the signals due at the clock's instant, taken `batchSize` at a time: each
 * batch is one transaction (`sweepBatch`, rows locked with SKIP LOCKED), and batches follow until
 * fewer than a full one were due. When a batch changed signals, the outbox relay is kicked so the
 * changes go out at once.
 */
export abstract class SignalSweep extends BackgroundJob {
  protected constructor(
    name: string,
    private readonly pace: SweepPace,
    private readonly store: SignalStore,
    private readonly clock: Clock,
    private readonly config: TypedConfig,
    private readonly relay: AlertsOutboxRelay,
    logger: AppLogger,
  ) {
    super(name, logger);
  }

  /** As configured by the sweep's interval setting. */
  override get intervalMs(): number {
    return this.config.values[this.pace.intervalSetting];
  }

  /** In `tx`: takes at most `limit` signals due at `now` and handles them; returns how many. */
  protected abstract sweepBatch(tx: SignalTransaction, now: string, limit: number): Promise<number>;

  /** Handles every signal due at the clock's instant; returns how many. */
  override run(): Promise<number> {
    const { batchSize } = this.pace;
    return inBatches(batchSize, async () => {
      const now = new Date(this.clock.now()).toISOString();
      const handled = await this.store.transaction((tx) => this.sweepBatch(tx, now, batchSize));
      if (handled > 0) this.relay.kick();
      return handled;
    });
  }
}
