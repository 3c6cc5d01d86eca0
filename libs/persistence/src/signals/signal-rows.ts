import type { Level, Signal, Stage } from '@app/contracts';
import type { LifecycleStatus, ResponseKind, Verdict } from './signal-lifecycle';
import type { SignalTransitionRecord } from './signal-record';

/** The columns of a signal as the engine raised it (tables `signals` and `replay_signals`). */
export interface SignalRow {
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
  details: Record<string, unknown>;
}

export const SIGNAL_ROW_COLUMNS =
  'alert_key, case_id, item_code, department_id, rule_id, stage, level, raised_at, triggered_by, message, details';

export function signalFromRow(row: SignalRow): Signal {
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
    details: row.details,
  };
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
