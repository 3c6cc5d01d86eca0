import type { Actor, Signal, SignalChangeKind } from '@app/contracts';
import type { LifecycleStatus, ResponseKind, Verdict } from '@app/rules';

/** A stored signal with its supervision lifecycle. */
export interface SignalRecord extends Signal {
  status: LifecycleStatus;
  retractedReason: string | null;
  ruleFamily: string | null;
  /** The status last written to the audit trail; differs from `status` until registered. */
  recordedStatus: LifecycleStatus | null;
  /** 督办期限: the instant the department's answer is due; null for levels without one. */
  responseDueAt: string | null;
  /** When the sweep found the deadline missed. */
  overdueAt: string | null;
  /** The higher signal of the same case and rule family that superseded this one. */
  escalatedTo: string | null;
  acknowledgedAt: string | null;
  respondedAt: string | null;
  responseKind: ResponseKind | null;
  responseText: string | null;
  closedAt: string | null;
  verdict: Verdict | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * Kinds of change on `supervision.alerts`: the contract's, plus `overdue` (a deadline missed),
 * `returned` (a supervisor sent an answer back) and `reinstated` (the signal that superseded this
 * one was retracted, so this one counts again).
 */
export type SignalEventKind = SignalChangeKind | 'overdue' | 'returned' | 'reinstated';

export interface SignalLifecycleView {
  status: LifecycleStatus;
  responseDueAt: string | null;
  overdueAt: string | null;
  escalatedTo: string | null;
  responseKind: ResponseKind | null;
  verdict: Verdict | null;
}

/** The body of an outbox row the console writes: a `SignalChange` with the lifecycle after it. */
export interface SignalLifecycleChange {
  kind: SignalEventKind;
  signal: Signal;
  reason?: string;
  at: string;
  lifecycle: SignalLifecycleView;
  actor?: { username: string; role: string };
}

export interface SignalTransitionRecord {
  id: number;
  alertKey: string;
  action: string;
  fromStatus: LifecycleStatus | null;
  toStatus: LifecycleStatus;
  actorUsername: string;
  actorRole: string;
  address: string | null;
  at: string;
  responseKind: ResponseKind | null;
  verdict: Verdict | null;
  text: string | null;
  details: Record<string, unknown>;
}

export interface NewTransition {
  alertKey: string;
  /** A lifecycle action, or `raise`, `escalate`, `reinstate`, `flag-overdue`. */
  action: string;
  fromStatus: LifecycleStatus | null;
  toStatus: LifecycleStatus;
  actor: Actor;
  at: string;
  responseKind?: ResponseKind | null;
  verdict?: Verdict | null;
  text?: string | null;
  details?: Record<string, unknown>;
}

/** Columns the console may change. */
export interface SignalPatch {
  status?: LifecycleStatus;
  recordedStatus?: LifecycleStatus;
  ruleFamily?: string;
  responseDueAt?: string | null;
  overdueAt?: string | null;
  escalatedTo?: string | null;
  acknowledgedAt?: string | null;
  respondedAt?: string | null;
  responseKind?: ResponseKind | null;
  responseText?: string | null;
  closedAt?: string | null;
  verdict?: Verdict | null;
}

export function lifecycleView(record: SignalRecord): SignalLifecycleView {
  return {
    status: record.status,
    responseDueAt: record.responseDueAt,
    overdueAt: record.overdueAt,
    escalatedTo: record.escalatedTo,
    responseKind: record.responseKind,
    verdict: record.verdict,
  };
}

/** The signal as the rule engine raised it, without the lifecycle. */
export function signalOf(record: SignalRecord): Signal {
  return {
    alertKey: record.alertKey,
    caseId: record.caseId,
    itemCode: record.itemCode,
    departmentId: record.departmentId,
    ruleId: record.ruleId,
    stage: record.stage,
    level: record.level,
    raisedAt: record.raisedAt,
    triggeredBy: record.triggeredBy,
    message: record.message,
    details: record.details,
  };
}
