import type { Level } from '@app/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { LifecycleStatus } from '@app/rules';
import type {
  NewTransition,
  SignalLifecycleChange,
  SignalPatch,
  SignalRecord,
  SignalTransitionRecord,
} from './signal-record';
import {
  CaseRecord,
  SignalQuery,
  SignalScope,
  SignalStore,
  SignalSummary,
  SignalTransaction,
} from './signal-store';
import {
  CaseRow,
  SIGNAL_RECORD_COLUMNS,
  SignalRecordRow,
  caseFromRow,
  signalRecordFromRow,
  TRANSITION_COLUMNS,
  transitionFromRow,
} from './signal-rows';
import { firstRow, Queryable, readRows, rows } from './sql';
import { appendToOutbox, insertTransitions } from './signal-writes';

/** Patch fields and their columns: the only columns an UPDATE may name. */
const PATCH_COLUMNS: Record<keyof SignalPatch, string> = {
  status: 'status',
  recordedStatus: 'recorded_status',
  ruleFamily: 'rule_family',
  responseDueAt: 'response_due_at',
  overdueAt: 'overdue_at',
  escalatedTo: 'escalated_to',
  acknowledgedAt: 'acknowledged_at',
  respondedAt: 'responded_at',
  responseKind: 'response_kind',
  responseText: 'response_text',
  closedAt: 'closed_at',
  verdict: 'verdict',
};

/** Signals still asking for action, and not superseded: what the wall counts. */
const ACTIVE = `status IN ('open', 'acknowledged', 'responded') AND escalated_to IS NULL`;

/** PostgreSQL adapter of the console's signal store. */
export class PgSignalStore extends SignalStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  transaction<T>(work: (tx: SignalTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new PgSignalTransaction(manager)));
  }

  async find(alertKey: string, scope: SignalScope): Promise<SignalRecord | 'out-of-scope' | null> {
    const row = await firstRow<SignalRecordRow & { in_scope: boolean }>(
      this.dataSource,
      `SELECT ${SIGNAL_RECORD_COLUMNS}, ($2::text IS NULL OR department_id = $2) AS in_scope
         FROM signals WHERE alert_key = $1`,
      [alertKey, scope.departmentId],
    );
    if (!row) return null;
    return row.in_scope ? signalRecordFromRow(row) : 'out-of-scope';
  }

  async list(query: SignalQuery): Promise<SignalRecord[]> {
    return readRows(
      this.dataSource,
      signalRecordFromRow,
      `SELECT ${SIGNAL_RECORD_COLUMNS} FROM signals
        WHERE ($1::text IS NULL OR department_id = $1)
          AND ($2::text[] IS NULL OR status = ANY($2))
          AND ($3::text IS NULL OR level = $3)
          AND ($4::text IS NULL OR case_id = $4)
          AND ($5::boolean IS NULL OR (overdue_at IS NOT NULL) = $5)
          AND ($6::boolean OR escalated_to IS NULL)
          AND ($7::timestamptz IS NULL OR raised_at < $7)
        ORDER BY raised_at DESC, alert_key
        LIMIT $8`,
      [
        query.departmentId,
        query.status ?? null,
        query.level ?? null,
        query.caseId ?? null,
        query.overdue ?? null,
        query.includeSuperseded ?? false,
        query.raisedBefore ?? null,
        query.limit,
      ],
    );
  }

  async transitions(alertKey: string): Promise<SignalTransitionRecord[]> {
    return readRows(
      this.dataSource,
      transitionFromRow,
      `SELECT ${TRANSITION_COLUMNS} FROM signal_transitions WHERE alert_key = $1 ORDER BY id`,
      [alertKey],
    );
  }

  async summary(scope: SignalScope): Promise<SignalSummary> {
    const department = scope.departmentId;
    const cases = await firstRow<{ open: string; total: string }>(
      this.dataSource,
      `SELECT count(*) FILTER (WHERE phase NOT IN ('completed', 'refused', 'decided')) AS open, count(*) AS total
         FROM cases WHERE ($1::text IS NULL OR department_id = $1)`,
      [department],
    );
    const levels = await rows<{ level: Level; n: string }>(
      this.dataSource,
      `SELECT level, count(*) AS n FROM signals WHERE ${ACTIVE} AND ($1::text IS NULL OR department_id = $1)
        GROUP BY level`,
      [department],
    );
    const statuses = await rows<{ status: LifecycleStatus; n: string; overdue: string }>(
      this.dataSource,
      `SELECT status, count(*) AS n, count(*) FILTER (WHERE overdue_at IS NOT NULL AND ${ACTIVE}) AS overdue
         FROM signals WHERE ($1::text IS NULL OR department_id = $1) GROUP BY status`,
      [department],
    );
    // the audit store has no cheap count per department; an officer sees the events of their cases
    const events = await firstRow<{ n: string }>(
      this.dataSource,
      department === null
        ? `SELECT count(*) AS n FROM audit_events`
        : `SELECT count(*) AS n FROM audit_events WHERE department_id = $1`,
      department === null ? [] : [department],
    );
    return {
      casesOpen: Number(cases?.open ?? 0),
      casesTotal: Number(cases?.total ?? 0),
      events: Number(events?.n ?? 0),
      openSignals: Object.fromEntries(levels.map((l) => [l.level, Number(l.n)])),
      overdue: statuses.reduce((sum, s) => sum + Number(s.overdue), 0),
      byStatus: Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)])),
    };
  }

  async findCase(caseId: string, scope: SignalScope): Promise<CaseRecord | 'out-of-scope' | null> {
    const row = await firstRow<CaseRow & { in_scope: boolean }>(
      this.dataSource,
      `SELECT case_id, item_code, department_id, phase, accepted_at, promised_deadline, legal_deadline,
              event_count, last_occurred_at, ($2::text IS NULL OR department_id = $2) AS in_scope
         FROM cases WHERE case_id = $1`,
      [caseId, scope.departmentId],
    );
    if (!row) return null;
    if (!row.in_scope) return 'out-of-scope';
    return caseFromRow(row);
  }
}

class PgSignalTransaction implements SignalTransaction {
  private readonly db: Queryable;

  constructor(manager: EntityManager) {
    this.db = manager;
  }

  private async select(sql: string, parameters: unknown[]): Promise<SignalRecord[]> {
    return (await rows<SignalRecordRow>(this.db, sql, parameters)).map(signalRecordFromRow);
  }

  async lock(alertKey: string): Promise<SignalRecord | null> {
    const found = await this.select(
      `SELECT ${SIGNAL_RECORD_COLUMNS} FROM signals WHERE alert_key = $1 FOR UPDATE`,
      [alertKey],
    );
    return found[0] ?? null;
  }

  lockUnregistered(limit: number): Promise<SignalRecord[]> {
    return this.select(
      `SELECT ${SIGNAL_RECORD_COLUMNS} FROM signals WHERE recorded_status IS DISTINCT FROM status
        ORDER BY created_at, raised_at, alert_key LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  lockFamily(caseId: string, ruleIds: string[], exceptAlertKey: string): Promise<SignalRecord[]> {
    return this.select(
      `SELECT ${SIGNAL_RECORD_COLUMNS} FROM signals
        WHERE case_id = $1 AND rule_id = ANY($2::text[]) AND alert_key <> $3 AND status <> 'retracted'
        ORDER BY alert_key FOR UPDATE`,
      [caseId, ruleIds, exceptAlertKey],
    );
  }

  lockSupersededBy(alertKey: string): Promise<SignalRecord[]> {
    return this.select(
      `SELECT ${SIGNAL_RECORD_COLUMNS} FROM signals WHERE escalated_to = $1 ORDER BY alert_key FOR UPDATE`,
      [alertKey],
    );
  }

  lockOverdue(now: string, limit: number): Promise<SignalRecord[]> {
    return this.select(
      `SELECT ${SIGNAL_RECORD_COLUMNS} FROM signals
        WHERE overdue_at IS NULL AND response_due_at IS NOT NULL AND response_due_at <= $1
          AND status IN ('open', 'acknowledged') AND escalated_to IS NULL
        ORDER BY response_due_at, alert_key LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
  }

  async update(alertKey: string, patch: SignalPatch): Promise<SignalRecord> {
    const entries = (Object.keys(patch) as (keyof SignalPatch)[]).filter((key) => patch[key] !== undefined);
    const assignments = entries.map((key, index) => `${PATCH_COLUMNS[key]} = $${index + 2}`);
    const found = await this.select(
      `UPDATE signals SET ${[...assignments, 'updated_at = now()'].join(', ')}
        WHERE alert_key = $1 RETURNING ${SIGNAL_RECORD_COLUMNS}`,
      [alertKey, ...entries.map((key) => patch[key])],
    );
    const updated = found[0];
    if (!updated) throw new Error(`signal ${alertKey} does not exist`);
    return updated;
  }

  recordTransitions(transitions: NewTransition[]): Promise<void> {
    return insertTransitions(this.db, transitions);
  }

  appendChanges(changes: SignalLifecycleChange[]): Promise<void> {
    return appendToOutbox(this.db, changes);
  }
}
