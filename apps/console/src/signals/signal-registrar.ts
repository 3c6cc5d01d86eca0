import { Inject, Injectable } from '@nestjs/common';
import { SignalStore } from '@app/persistence';
import { AppLogger, Clock, TypedConfig } from '@app/platform';
import { BackgroundJob, inBatches } from '../common/background-job';
import { AlertsOutboxRelay } from '../outbox/alerts-outbox.relay';
import { SignalRegistration } from './signal-registration';

const BATCH = 200;

/**
 * Registers, every SIGNAL_REGISTRAR_INTERVAL_MS, the signals whose recorded status lags their
 * status: rows the pipeline stored before it registered its own signals (ADR 12), or a status
 * written outside the platform. Nothing on the way from an event to the wall waits for it. Rows are
 * taken with SKIP LOCKED, so several console instances share the work without waiting for each other.
 */
@Injectable()
export class SignalRegistrar extends BackgroundJob {
  constructor(
    @Inject(SignalStore) private readonly store: SignalStore,
    @Inject(SignalRegistration) private readonly registration: SignalRegistration,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TypedConfig) private readonly config: TypedConfig,
    @Inject(AlertsOutboxRelay) private readonly relay: AlertsOutboxRelay,
    @Inject(AppLogger) logger: AppLogger,
  ) {
    super('signal registrar', logger);
  }

  override get intervalMs(): number {
    return this.config.values.SIGNAL_REGISTRAR_INTERVAL_MS;
  }

  /** Registers every pending signal; returns how many. */
  override run(): Promise<number> {
    return inBatches(BATCH, async () => {
      const now = new Date(this.clock.now()).toISOString();
      const registered = await this.store.transaction(async (tx) => {
        const pending = await tx.lockUnregistered(BATCH);
        for (const signal of pending) await this.registration.register(tx, signal, now);
        return pending.length;
      });
      if (registered > 0) this.relay.kick();
      return registered;
    });
  }
}
