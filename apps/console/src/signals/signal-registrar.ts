import { Inject, Injectable } from '@nestjs/common';
import { SignalStore } from '@app/persistence';
import { AppLogger, Clock, TypedConfig } from '@app/platform';
import { BackgroundJob } from '../common/background-job';
import { AlertsOutboxRelay } from '../outbox/alerts-outbox.relay';
import { SignalRegistration } from './signal-registration';

const BATCH = 200;

/**
 * Registers, every SIGNAL_REGISTRAR_INTERVAL_MS and whenever a change arrives on
 * `supervision.alerts`, the signals the pipeline inserted or retracted. Rows are taken with
 * SKIP LOCKED, so several console instances share the work without waiting for each other.
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
  override async run(): Promise<number> {
    let total = 0;
    for (;;) {
      const now = new Date(this.clock.now()).toISOString();
      const registered = await this.store.transaction(async (tx) => {
        const pending = await tx.lockUnregistered(BATCH);
        for (const signal of pending) await this.registration.register(tx, signal, now);
        return pending.length;
      });
      total += registered;
      if (registered > 0) this.relay.kick();
      if (registered < BATCH) return total;
    }
  }
}
