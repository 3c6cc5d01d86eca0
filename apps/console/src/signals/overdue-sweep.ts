import { Inject, Injectable } from '@nestjs/common';
import { NewTransition, SignalLifecycleChange, SignalStore, SignalTransaction } from '@app/persistence';
import { SYSTEM_ACTOR } from '@app/contracts';
import { AppLogger, Clock, TypedConfig } from '@app/platform';
import { AlertsOutboxRelay } from '../outbox/alerts-outbox.relay';
import { lifecycleChange } from './signal-registration';
import { SignalSweep, SweepPace } from './signal-sweep';

const PACE: SweepPace = { batchSize: 500, intervalSetting: 'OVERDUE_SWEEP_INTERVAL_MS' };

/**
 * Flags signals whose department missed the response deadline (督办期限): still open or only
 * acknowledged when it passed. One sweep every OVERDUE_SWEEP_INTERVAL_MS over an index of the
 * deadlines, not one timer per signal; the flag is audited and published like any change.
 */
@Injectable()
export class OverdueSweep extends SignalSweep {
  constructor(
    @Inject(SignalStore) store: SignalStore,
    @Inject(Clock) clock: Clock,
    @Inject(TypedConfig) config: TypedConfig,
    @Inject(AlertsOutboxRelay) relay: AlertsOutboxRelay,
    @Inject(AppLogger) logger: AppLogger,
  ) {
    super('overdue sweep', PACE, store, clock, config, relay, logger);
  }

  /** Flags the signals overdue at `now`, at most `limit`; returns how many. */
  protected override async sweepBatch(tx: SignalTransaction, now: string, limit: number): Promise<number> {
    const due = await tx.lockOverdue(now, limit);
    const transitions: NewTransition[] = [];
    const changes: SignalLifecycleChange[] = [];
    for (const signal of due) {
      const updated = await tx.update(signal.alertKey, { overdueAt: now });
      const reason = `督办期限 ${signal.responseDueAt ?? ''} missed (response deadline)`;
      transitions.push({
        alertKey: signal.alertKey,
        action: 'flag-overdue',
        fromStatus: signal.status,
        toStatus: signal.status,
        actor: SYSTEM_ACTOR,
        at: now,
        text: reason,
        details: { responseDueAt: signal.responseDueAt },
      });
      changes.push(lifecycleChange('overdue', updated, now, reason));
    }
    await tx.recordTransitions(transitions);
    await tx.appendChanges(changes);
    return due.length;
  }
}
