import { Inject, Injectable } from '@nestjs/common';
import { SignalStore, SignalTransaction } from '@app/persistence';
import { AppLogger, Clock, TypedConfig } from '@app/platform';
import { AlertsOutboxRelay } from '../outbox/alerts-outbox.relay';
import { SignalRegistration } from './signal-registration';
import { SignalSweep, SweepPace } from './signal-sweep';

const PACE: SweepPace = { batchSize: 200, intervalSetting: 'SIGNAL_REGISTRAR_INTERVAL_MS' };

/**
 * Registers, every SIGNAL_REGISTRAR_INTERVAL_MS, the signals whose recorded status lags their
 * status: rows the pipeline stored before it registered its own signals (ADR 12), or a status
 * written outside the platform. Nothing on the way from an event to the wall waits for it. Rows are
 * taken with SKIP LOCKED, so several console instances share the work without waiting for each other.
 */
@Injectable()
export class SignalRegistrar extends SignalSweep {
  constructor(
    @Inject(SignalStore) store: SignalStore,
    @Inject(SignalRegistration) private readonly registration: SignalRegistration,
    @Inject(Clock) clock: Clock,
    @Inject(TypedConfig) config: TypedConfig,
    @Inject(AlertsOutboxRelay) relay: AlertsOutboxRelay,
    @Inject(AppLogger) logger: AppLogger,
  ) {
    super('signal registrar', PACE, store, clock, config, relay, logger);
  }

  /** Registers the pending signals, at most `limit`; returns how many. */
  protected override async sweepBatch(tx: SignalTransaction, now: string, limit: number): Promise<number> {
    const pending = await tx.lockUnregistered(limit);
    for (const signal of pending) await this.registration.register(tx, signal, now);
    return pending.length;
  }
}
