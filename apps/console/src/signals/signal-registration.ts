import type { WorkingCalendar } from '@app/calendar';
import {
  lifecycleView,
  NewTransition,
  SignalEventKind,
  signalOf,
  SignalLifecycleChange,
  SignalRecord,
  SignalTransaction,
} from '@app/persistence';
import { familyRelinks, ResponseDays, responseDeadline, ruleFamily, rulesOfFamily } from '@app/rules';
import { SYSTEM_ACTOR, Actor } from '@app/contracts';
import { relinkEffects } from '@app/ingest';

export function lifecycleChange(
  kind: SignalEventKind,
  record: SignalRecord,
  at: string,
  reason: string | null,
  actor: Actor = SYSTEM_ACTOR,
): SignalLifecycleChange {
  return {
    kind,
    signal: signalOf(record),
    ...(reason ? { reason } : {}),
    at,
    lifecycle: lifecycleView(record),
    actor: { username: actor.username, role: actor.role },
  };
}

/**
 * Registers a signal whose recorded status lags its status, inside the caller's transaction. The
 * pipeline registers what it writes in its own transaction (ADR 12: `writeSignalChanges` of
 * `libs/ingest`), so what is left here are rows stored before that, or a status written outside the
 * platform: a new signal gets its rule family and response deadline and the audit entry of its
 * raising; a retraction gets its audit entry. Either may change who supersedes whom within the
 * case's rule family (escalation, inhibition), which is recomputed for the whole family and published.
 */
export class SignalRegistration {
  constructor(
    private readonly days: ResponseDays,
    private readonly calendar: WorkingCalendar,
  ) {}

  async register(tx: SignalTransaction, signal: SignalRecord, now: string): Promise<SignalRecord> {
    if (signal.recordedStatus === signal.status) return signal;
    const transitions: NewTransition[] = [];
    const changes: SignalLifecycleChange[] = [];
    let current = signal;
    if (current.recordedStatus === null) {
      const due = responseDeadline(Date.parse(current.createdAt), current.level, this.days, this.calendar);
      transitions.push({
        alertKey: current.alertKey,
        action: 'raise',
        fromStatus: null,
        toStatus: 'open',
        actor: SYSTEM_ACTOR,
        at: current.createdAt,
        text: current.message,
        details: {
          ruleId: current.ruleId,
          level: current.level,
          raisedAt: current.raisedAt,
          triggeredBy: current.triggeredBy,
        },
      });
      current = await tx.update(current.alertKey, {
        ruleFamily: ruleFamily(current.ruleId),
        responseDueAt: current.status === 'retracted' || due === null ? null : new Date(due).toISOString(),
        recordedStatus: 'open',
      });
    }
    if (current.status === 'retracted' && current.recordedStatus !== 'retracted') {
      transitions.push({
        alertKey: current.alertKey,
        action: 'retract',
        fromStatus: current.recordedStatus,
        toStatus: 'retracted',
        actor: SYSTEM_ACTOR,
        at: now,
        text: current.retractedReason,
      });
      current = await tx.update(current.alertKey, { recordedStatus: 'retracted' });
    } else if (current.recordedStatus !== current.status) {
      // a status written outside the console: kept in the trail as it is
      transitions.push({
        alertKey: current.alertKey,
        action: 'external',
        fromStatus: current.recordedStatus,
        toStatus: current.status,
        actor: SYSTEM_ACTOR,
        at: now,
      });
      current = await tx.update(current.alertKey, { recordedStatus: current.status });
    }
    current = await this.relinkFamily(tx, current, now, transitions, changes);
    await tx.recordTransitions(transitions);
    await tx.appendChanges(changes);
    return current;
  }

  /** Points every non-retracted signal of the family at the top signal above it, if any. */
  private async relinkFamily(
    tx: SignalTransaction,
    signal: SignalRecord,
    now: string,
    transitions: NewTransition[],
    changes: SignalLifecycleChange[],
  ): Promise<SignalRecord> {
    const others = await tx.lockFamily(
      signal.caseId,
      rulesOfFamily(ruleFamily(signal.ruleId)),
      signal.alertKey,
    );
    const family = signal.status === 'retracted' ? others : [signal, ...others];
    let result = signal;
    for (const { member, top } of familyRelinks(family)) {
      const escalatedTo = top?.alertKey ?? null;
      const updated = await tx.update(member.alertKey, { escalatedTo });
      const { transition, change } = relinkEffects(member, escalatedTo, now);
      transitions.push(transition);
      changes.push(change);
      if (member.alertKey === signal.alertKey) result = updated;
    }
    return result;
  }
}
