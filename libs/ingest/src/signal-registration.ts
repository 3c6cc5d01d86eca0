import { SYSTEM_ACTOR, type Level, type Signal } from '@app/contracts';
import type { CatalogHistory } from '@app/catalog';
import {
  lifecycleView,
  signalOf,
  type IngestTransaction,
  type NewSignal,
  type NewTransition,
  type OutboxEntry,
  type SignalCorrection,
  type SignalLifecycleChange,
  type SignalRecord,
  type SignalRetraction,
} from '@app/persistence';
import {
  familyRelinks,
  inSharedFamily,
  LifecycleStatus,
  ResponseDays,
  responseDeadline,
  ruleFamily,
} from '@app/rules';

/**
 * What the platform writes with each new signal, in the pipeline's transaction (ADR 12): the
 * instant it registers it, and when the department's answer is due (督办期限).
 */
export interface RegistrationPolicy {
  now(): number;
  responseDueAt(level: Level, registeredAtMs: number): number | null;
}

/** Registration without response deadlines, at the wall-clock time: tests and offline tools. */
export const WITHOUT_DEADLINES: RegistrationPolicy = { now: () => Date.now(), responseDueAt: () => null };

/** Response deadlines of `days` working days on the calendar of the catalogue version in force. */
export function catalogRegistration(
  days: ResponseDays,
  history: () => CatalogHistory,
  now: () => number,
): RegistrationPolicy {
  return {
    now,
    responseDueAt: (level, registeredAtMs) => {
      const calendar = history().indexAt(registeredAtMs)?.calendar;
      return calendar ? responseDeadline(registeredAtMs, level, days, calendar) : null;
    },
  };
}

/** A new signal with its rule family and response deadline. */
export function registered(signal: Signal, policy: RegistrationPolicy, registeredAtMs: number): NewSignal {
  const due = policy.responseDueAt(signal.level, registeredAtMs);
  return {
    ...signal,
    ruleFamily: ruleFamily(signal.ruleId),
    responseDueAt: due === null ? null : new Date(due).toISOString(),
    registeredAt: new Date(registeredAtMs).toISOString(),
  };
}

/** What a fold changes in a case's stored signals (`reconcile`). */
export interface SignalChanges {
  fresh: Signal[];
  corrections: SignalCorrection[];
  retractions: SignalRetraction[];
}

const REASONS = {
  corrected:
    '迟报数据改变了该信号的触发时间或级别 (late data changed when or at which level this signal holds)',
  reinstated: '迟报数据表明该信号仍然成立 (late data shows this signal holds after all)',
};

/**
 * Writes a fold's signal changes in the caller's transaction, registered as the console would see
 * them (ADR 12): a new signal with its rule family, response deadline and the audit entry of its
 * raising; a retraction or reinstatement with its audit entry; and, in every case whose signals
 * changed, each signal's link to the top of its rule family (escalation, inhibition). Every change
 * goes to the outbox in that order, so the wall gets an escalation with the signal that caused it.
 */
export async function writeSignalChanges(
  tx: IngestTransaction,
  { fresh, corrections, retractions }: SignalChanges,
  policy: RegistrationPolicy,
): Promise<{ raised: number; corrected: number; retracted: number }> {
  const registeredAt = policy.now();
  const at = new Date(registeredAt).toISOString();
  const newKeys = await tx.insertSignals(fresh.map((signal) => registered(signal, policy, registeredAt)));
  await tx.correctSignals(corrections);
  const retracted = await tx.retractSignals(retractions);
  const raised = fresh.filter((signal) => newKeys.has(signal.alertKey));
  const reinstated = corrections.filter((c) => c.reinstate).map((c) => c.signal);
  const reasons = new Map(retractions.map((r) => [r.alertKey, r.reason]));
  const transitions: NewTransition[] = [
    ...raised.map((signal) =>
      transition(signal, 'raise', null, 'open', at, signal.message, {
        ruleId: signal.ruleId,
        level: signal.level,
        raisedAt: signal.raisedAt,
        triggeredBy: signal.triggeredBy,
      }),
    ),
    ...reinstated.map((signal) =>
      transition(signal, 'reinstate', 'retracted', 'open', at, REASONS.reinstated),
    ),
    ...retracted.map(({ signal, previous }) =>
      transition(signal, 'retract', previous, 'retracted', at, reasons.get(signal.alertKey) ?? null),
    ),
  ];
  const outbox: OutboxEntry[] = [
    ...raised.map((signal) => ({ kind: 'raised' as const, signal })),
    ...corrections.map(({ signal, reinstate }) => ({
      kind: reinstate ? ('reinstated' as const) : ('corrected' as const),
      signal,
      reason: reinstate ? REASONS.reinstated : REASONS.corrected,
    })),
    ...retracted.map(({ signal }) => ({
      kind: 'retracted' as const,
      signal,
      reason: reasons.get(signal.alertKey),
    })),
  ];
  // only a change in a family of several rules can move a link (a signal has its rule's level)
  const changedCases = new Set(
    [...raised, ...corrections.map((c) => c.signal), ...retracted.map((r) => r.signal)]
      .filter((signal) => inSharedFamily(signal.ruleId))
      .map((signal) => signal.caseId),
  );
  if (changedCases.size > 0) {
    const relinks = familyRelinks(await tx.lockCaseSignals([...changedCases]));
    await tx.linkEscalations(
      relinks.map(({ member, top }) => ({ alertKey: member.alertKey, escalatedTo: top?.alertKey ?? null })),
    );
    for (const { member, top } of relinks) {
      const effects = relinkEffects(member, top?.alertKey ?? null, at);
      transitions.push(effects.transition);
      outbox.push(effects.change);
    }
  }
  await tx.recordTransitions(transitions);
  await tx.appendOutbox(outbox);
  return { raised: raised.length, corrected: corrections.length, retracted: retracted.length };
}

function transition(
  signal: Signal,
  action: string,
  fromStatus: LifecycleStatus | null,
  toStatus: LifecycleStatus,
  at: string,
  text: string | null,
  details?: Record<string, unknown>,
): NewTransition {
  return {
    alertKey: signal.alertKey,
    action,
    fromStatus,
    toStatus,
    actor: SYSTEM_ACTOR,
    at,
    text,
    ...(details ? { details } : {}),
  };
}

/**
 * A signal's new link to the top of its rule family (`escalated_to`): its audit entry and its
 * change for the wall, `escalated` when a higher signal now supersedes it, `reinstated` when the
 * one that did is gone.
 */
export function relinkEffects(
  member: SignalRecord,
  escalatedTo: string | null,
  at: string,
): { transition: NewTransition; change: SignalLifecycleChange } {
  const reason = escalatedTo
    ? `superseded by ${escalatedTo}`
    : `${member.escalatedTo} that superseded it was retracted`;
  return {
    transition: {
      alertKey: member.alertKey,
      action: escalatedTo ? 'escalate' : 'reinstate',
      fromStatus: member.status,
      toStatus: member.status,
      actor: SYSTEM_ACTOR,
      at,
      text: reason,
      details: { escalatedTo, previously: member.escalatedTo },
    },
    change: {
      kind: escalatedTo ? 'escalated' : 'reinstated',
      signal: signalOf(member),
      reason,
      at,
      lifecycle: { ...lifecycleView(member), escalatedTo },
      actor: { username: SYSTEM_ACTOR.username, role: SYSTEM_ACTOR.role },
    },
  };
}
