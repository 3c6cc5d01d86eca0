import type { Level, Signal, Stage } from '@app/contracts';
import type { LifecycleStatus, ResponseKind, Verdict } from '@app/rules';
import type { SignalRecord, SignalTransitionRecord } from './signal-record';
import type { CaseRecord } from './signal-store';
import { isoOrNull } from './sql';

/*
 * The one mapping from a row of `signals` (or `replay_signals`) to a signal, in layers that a
 * SELECT names as it needs them:
 *
 *   RAISED_SIGNAL_COLUMNS      the raise without its details       raisedSignalFromRow
 *   SIGNAL_ROW_COLUMNS         + details: the engine's Signal       signalFromRow
 *   SIGNAL_LIFECYCLE_COLUMNS   status, deadlines, answer, verdict   lifecycleFromRow
 *   SIGNAL_RECORD_COLUMNS      both: the console's SignalRecord     signalRecordFromRow
 *
 * Instants are `Date`s from the driver, written out with `toISOString()`; a null stays null.
 */

/** The columns of a signal as the engine raised it, but its `details` (a jsonb the wall does not show). */
export interface RaisedSignalRow {
  alert_key: string;
  case_id: string;
  item_code: string;
  department_id: string;
  rule_id: string;
  stage: Stage;
  level: Level;
  raised_at: Date;
  triggered_by: string;
  message: string;
}

export const RAISED_SIGNAL_COLUMNS =
  'alert_key, case_id, item_code, department_id, rule_id, stage, level, raised_at, triggered_by, message';

export function raisedSignalFromRow(row: RaisedSignalRow): Omit<Signal, 'details'> {
  return {
    alertKey: row.alert_key,
    caseId: row.case_id,
    itemCode: row.item_code,
    departmentId: row.department_id,
    ruleId: row.rule_id,
    stage: row.stage,
    level: row.level,
    raisedAt: row.raised_at.toISOString(),
    triggeredBy: row.triggered_by,
    message: row.message,
  };
}

/** The columns of a signal as the engine raised it (tables `signals` and `replay_signals`). */
export interface SignalRow extends RaisedSignalRow {
  details: Record<string, unknown>;
}

/** Also the column list of the pipeline's INSERT, and (split on `, `) of its RETURNING. */
export const SIGNAL_ROW_COLUMNS = `${RAISED_SIGNAL_COLUMNS}, details`;

export function signalFromRow(row: SignalRow): Signal {
  return { ...raisedSignalFromRow(row), details: row.details };
}

/** The lifecycle columns of `signals`: what the console adds to a raised signal. */
export interface SignalLifecycleRow {
  status: LifecycleStatus;
  retracted_reason: string | null;
  rule_family: string | null;
  recorded_status: LifecycleStatus | null;
  response_due_at: Date | null;
  overdue_at: Date | null;
  escalated_to: string | null;
  acknowledged_at: Date | null;
  responded_at: Date | null;
  response_kind: ResponseKind | null;
  response_text: string | null;
  closed_at: Date | null;
  verdict: Verdict | null;
  created_at: Date;
  updated_at: Date;
}

export const SIGNAL_LIFECYCLE_COLUMNS = `status, retracted_reason, rule_family, recorded_status, response_due_at,
  overdue_at, escalated_to, acknowledged_at, responded_at, response_kind, response_text, closed_at, verdict,
  created_at, updated_at`;

/** The lifecycle of a signal, in the order of `SignalRecord` (an API answer spreads it as it is). */
export function lifecycleFromRow(row: SignalLifecycleRow): Omit<SignalRecord, keyof Signal> {
  return {
    status: row.status,
    retractedReason: row.retracted_reason,
    ruleFamily: row.rule_family,
    recordedStatus: row.recorded_status,
    responseDueAt: isoOrNull(row.response_due_at),
    overdueAt: isoOrNull(row.overdue_at),
    escalatedTo: row.escalated_to,
    acknowledgedAt: isoOrNull(row.acknowledged_at),
    respondedAt: isoOrNull(row.responded_at),
    responseKind: row.response_kind,
    responseText: row.response_text,
    closedAt: isoOrNull(row.closed_at),
    verdict: row.verdict,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** A whole row of `signals`. */
export type SignalRecordRow = SignalRow & SignalLifecycleRow;

export const SIGNAL_RECORD_COLUMNS = `${SIGNAL_ROW_COLUMNS}, ${SIGNAL_LIFECYCLE_COLUMNS}`;

export function signalRecordFromRow(row: SignalRecordRow): SignalRecord {
  return { ...signalFromRow(row), ...lifecycleFromRow(row) };
}

/** A row of `signal_transitions`: one lifecycle step of a signal, with who and when. */
export interface TransitionRow {
  id: string;
  alert_key: string;
  action: string;
  from_status: LifecycleStatus | null;
  to_status: LifecycleStatus;
  actor_username: string;
  actor_role: string;
  address: string | null;
  at: Date;
  response_kind: ResponseKind | null;
  verdict: Verdict | null;
  text: string | null;
  details: Record<string, unknown>;
}

export const TRANSITION_COLUMNS = `id, alert_key, action, from_status, to_status, actor_username, actor_role, address, at,
  response_kind, verdict, text, details`;

export function transitionFromRow(row: TransitionRow): SignalTransitionRecord {
  return {
    id: Number(row.id),
    alertKey: row.alert_key,
    action: row.action,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    actorUsername: row.actor_username,
    actorRole: row.actor_role,
    address: row.address,
    at: row.at.toISOString(),
    responseKind: row.response_kind,
    verdict: row.verdict,
    text: row.text,
    details: row.details,
  };
}

/** A row of the `cases` projection. */
export interface CaseRow {
  case_id: string;
  item_code: string;
  department_id: string;
  phase: string;
  accepted_at: Date | null;
  promised_deadline: Date | null;
  legal_deadline: Date | null;
  event_count: number;
  last_occurred_at: Date;
}

export function caseFromRow(row: CaseRow): CaseRecord {
  return {
    caseId: row.case_id,
    itemCode: row.item_code,
    departmentId: row.department_id,
    phase: row.phase,
    acceptedAt: isoOrNull(row.accepted_at),
    promisedDeadline: isoOrNull(row.promised_deadline),
    legalDeadline: isoOrNull(row.legal_deadline),
    eventCount: row.event_count,
    lastOccurredAt: row.last_occurred_at.toISOString(),
  };
}
