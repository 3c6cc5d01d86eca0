import type { Level, WallCaseEvent, WallChange, WallSignal, WallTransition } from '@app/contracts';
import { DataSource } from 'typeorm';
import {
  RAISED_SIGNAL_COLUMNS,
  RaisedSignalRow,
  SIGNAL_LIFECYCLE_COLUMNS,
  SignalLifecycleRow,
  TRANSITION_COLUMNS,
  TransitionRow,
  lifecycleFromRow,
  raisedSignalFromRow,
  transitionFromRow,
} from '../signals/signal-rows';
import { isoOrNull, rows } from '../signals/sql';
import {
  CaseCounts,
  ChangeRange,
  CompletionCounts,
  HourlyCount,
  OpenSignalCounts,
  WallFilter,
  WallInstants,
  WallStore,
} from './wall-store';

/** Signals still asking for action, and not superseded: what the wall counts (as `/api/summary`). */
const ACTIVE = `status IN ('open', 'acknowledged', 'responded') AND escalated_to IS NULL`;
/** Phases of a case that is no longer being processed. */
const FINISHED_PHASES = `('completed', 'refused', 'decided')`;

/** What the wall reads of a signal: all of it but its details. */
const SIGNAL_COLUMNS = `${RAISED_SIGNAL_COLUMNS}, ${SIGNAL_LIFECYCLE_COLUMNS}`;

/** How often the signal was urged (催办): its `urge` steps in the audit trail (indexed by alert key). */
const URGE_COUNT = `(SELECT count(*) FROM signal_transitions u
    WHERE u.alert_key = signals.alert_key AND u.action = 'urge') AS urge_count`;

type WallSignalRow = RaisedSignalRow & SignalLifecycleRow & { urge_count?: string | number };

/**
 * A signal as the wall shows it: the shared mapping of a `signals` row, less the console's
 * bookkeeping (recorded status, the instant of each step). Unlike `/api/signals`, a signal stored
 * without a rule family shows the family of its rule rather than null.
 */
function signalOf(
  row: WallSignalRow,
  ruleFamily: (ruleId: string) => string,
): WallSignal & { responseText: string | null } {
  const {
    recordedStatus: _recorded,
    acknowledgedAt: _acknowledged,
    respondedAt: _responded,
    closedAt: _closed,
    createdAt: _created,
    updatedAt: _updated,
    ...lifecycle
  } = lifecycleFromRow(row);
  const urgeCount = Number(row.urge_count ?? 0);
  return {
    ...raisedSignalFromRow(row),
    ...lifecycle,
    ruleFamily: lifecycle.ruleFamily ?? ruleFamily(row.rule_id),
    ...(urgeCount > 0 ? { urgeCount } : {}),
  };
}

/** `$n::text IS NULL OR column = $n` for each optional filter, numbered from `first`. */
function filterClause(first: number): string {
  return `($${first}::text IS NULL OR department_id = $${first})
      AND ($${first + 1}::text IS NULL OR level = $${first + 1})
      AND ($${first + 2}::text IS NULL OR stage = $${first + 2})
      AND ($${first + 3}::text IS NULL OR rule_id = $${first + 3})`;
}

function filterValues(filter: WallFilter): (string | null)[] {
  return [filter.departmentId, filter.level ?? null, filter.stage ?? null, filter.ruleId ?? null];
}

const count = (value: string | number | null | undefined) => Number(value ?? 0);

/**
 * PostgreSQL adapter of the wall's reads. `ruleFamily` (`@app/rules`) names the family of a signal
 * stored without one.
 */
export class PgWallStore extends WallStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ruleFamily: (ruleId: string) => string,
  ) {
    super();
  }

  async highWaterMark(): Promise<number> {
    const [row] = await rows<{ sequence: string | null }>(
      this.dataSource,
      `SELECT max(sequence) AS sequence FROM signal_outbox`,
    );
    return count(row?.sequence);
  }

  async settledBefore(sequence: number | null, marginMs: number): Promise<number> {
    const margin = marginMs / 1000;
    if (sequence === null) {
      const [row] = await rows<{ sequence: string }>(
        this.dataSource,
        `SELECT sequence FROM signal_outbox
          WHERE created_at < now() - make_interval(secs => $1)
          ORDER BY sequence DESC LIMIT 1`,
        [margin],
      );
      return count(row?.sequence);
    }
    const [anchor] = await rows<{ created_at: Date }>(
      this.dataSource,
      `SELECT created_at FROM signal_outbox WHERE sequence = $1`,
      [sequence],
    );
    if (!anchor) return sequence;
    // a backward scan of the primary key from `sequence`, as far back as the margin
    const [row] = await rows<{ sequence: string }>(
      this.dataSource,
      `SELECT sequence FROM signal_outbox
        WHERE sequence <= $1 AND created_at < $2::timestamptz - make_interval(secs => $3)
        ORDER BY sequence DESC LIMIT 1`,
      [sequence, anchor.created_at, margin],
    );
    return count(row?.sequence);
  }

  async changesAfter(range: ChangeRange): Promise<WallChange[]> {
    const found = await rows<{ sequence: string; body: Omit<WallChange, 'sequence'>; created_at: Date }>(
      this.dataSource,
      `SELECT sequence, body, created_at FROM signal_outbox
        WHERE sequence > $1 AND NOT (sequence = ANY($2::bigint[]))
          AND ($3::text IS NULL OR department_id = $3)
        ORDER BY sequence
        LIMIT $4`,
      [range.from, range.except, range.departmentId, range.limit],
    );
    return found.map((row) => ({
      ...row.body,
      at: row.body.at ?? row.created_at.toISOString(),
      sequence: Number(row.sequence),
    }));
  }

  async signals(filter: WallFilter & { limit: number }): Promise<WallSignal[]> {
    const found = await rows<WallSignalRow>(
      this.dataSource,
      `SELECT ${SIGNAL_COLUMNS}, ${URGE_COUNT} FROM signals
        WHERE escalated_to IS NULL AND ${filterClause(1)}
        ORDER BY raised_at DESC, alert_key
        LIMIT $5`,
      [...filterValues(filter), filter.limit],
    );
    return found.map((row) => {
      const { responseText: _answer, ...signal } = signalOf(row, this.ruleFamily);
      return signal;
    });
  }

  async caseCounts(departmentId: string | null, at: WallInstants): Promise<CaseCounts[]> {
    const found = await rows<{
      department_id: string;
      in_progress: string;
      due_today: string;
      overdue: string;
    }>(
      this.dataSource,
      `SELECT department_id,
              count(*) AS in_progress,
              count(*) FILTER (WHERE promised_deadline >= $2 AND promised_deadline < $3) AS due_today,
              count(*) FILTER (WHERE promised_deadline < $4) AS overdue
         FROM cases
        WHERE phase NOT IN ${FINISHED_PHASES} AND ($1::text IS NULL OR department_id = $1)
        GROUP BY department_id`,
      [departmentId, new Date(at.dayStart), new Date(at.dayEnd), new Date(at.now)],
    );
    return found.map((row) => ({
      departmentId: row.department_id,
      inProgress: count(row.in_progress),
      dueToday: count(row.due_today),
      overdue: count(row.overdue),
    }));
  }

  async openSignals(filter: WallFilter): Promise<OpenSignalCounts[]> {
    const found = await rows<{
      department_id: string;
      rule_id: string;
      level: Level;
      open: string;
      overdue: string;
    }>(
      this.dataSource,
      `SELECT department_id, rule_id, level, count(*) AS open,
              count(*) FILTER (WHERE overdue_at IS NOT NULL) AS overdue
         FROM signals
        WHERE ${ACTIVE} AND ${filterClause(1)}
        GROUP BY department_id, rule_id, level`,
      filterValues(filter),
    );
    return found.map((row) => ({
      departmentId: row.department_id,
      ruleId: row.rule_id,
      level: row.level,
      open: count(row.open),
      overdue: count(row.overdue),
    }));
  }

  async hourly(filter: WallFilter, at: WallInstants): Promise<HourlyCount[]> {
    const found = await rows<{ hour: Date; level: Level; n: string }>(
      this.dataSource,
      `SELECT date_trunc('hour', raised_at) AS hour, level, count(*) AS n
         FROM signals
        WHERE raised_at >= $5 AND raised_at <= $6 AND status <> 'retracted' AND ${filterClause(1)}
        GROUP BY 1, 2`,
      [...filterValues(filter), new Date(at.hoursFrom), new Date(at.now)],
    );
    return found.map((row) => ({ hourMs: row.hour.getTime(), level: row.level, count: count(row.n) }));
  }

  async completions(
    departmentId: string | null,
    at: WallInstants,
  ): Promise<{ today: CompletionCounts; month: CompletionCounts }> {
    // 办结 as the performance evaluation counts it (docs/evaluation.md): a case whose clock stopped
    // (approved, denied, or a penalty decided; a withdrawal is not judged), on time when it stopped
    // before its promised deadline as moved by suspensions and extensions; from the case projection
    const [row] = await rows<{ today: string; today_on_time: string; month: string; month_on_time: string }>(
      this.dataSource,
      `SELECT count(*) FILTER (WHERE clock_stopped_at >= $4) AS today,
              count(*) FILTER (WHERE clock_stopped_at >= $4 AND on_time) AS today_on_time,
              count(*) AS month,
              count(*) FILTER (WHERE on_time) AS month_on_time
         FROM cases
        WHERE clock_stopped_at >= $2 AND clock_stopped_at <= $3 AND result <> 'withdrawn'
          AND ($1::text IS NULL OR department_id = $1)`,
      [departmentId, new Date(at.monthStart), new Date(at.now), new Date(at.dayStart)],
    );
    return {
      today: { completed: count(row?.today), onTime: count(row?.today_on_time) },
      month: { completed: count(row?.month), onTime: count(row?.month_on_time) },
    };
  }

  async caseEvents(caseId: string, limit: number): Promise<WallCaseEvent[]> {
    const found = await rows<{
      event_id: string;
      type: string;
      occurred_at: Date;
      reported_at: Date | null;
      event: { actor?: { name?: string }; payload?: Record<string, unknown> };
    }>(
      this.dataSource,
      `SELECT event_id, type, occurred_at, reported_at, event FROM audit_events
        WHERE case_id = $1 ORDER BY occurred_at, seq LIMIT $2`,
      [caseId, limit],
    );
    return found.map((row) => ({
      eventId: row.event_id,
      type: row.type,
      occurredAt: row.occurred_at.toISOString(),
      reportedAt: isoOrNull(row.reported_at),
      actorName: row.event.actor?.name ?? null,
      payload: row.event.payload ?? {},
    }));
  }

  async caseSignals(caseId: string): Promise<(WallSignal & { responseText: string | null })[]> {
    const found = await rows<WallSignalRow>(
      this.dataSource,
      `SELECT ${SIGNAL_COLUMNS}, ${URGE_COUNT} FROM signals WHERE case_id = $1 ORDER BY raised_at, alert_key`,
      [caseId],
    );
    return found.map((row) => signalOf(row, this.ruleFamily));
  }

  async caseTransitions(caseId: string): Promise<WallTransition[]> {
    const found = await rows<TransitionRow>(
      this.dataSource,
      `SELECT ${TRANSITION_COLUMNS} FROM signal_transitions
        WHERE alert_key IN (SELECT alert_key FROM signals WHERE case_id = $1)
        ORDER BY at, id`,
      [caseId],
    );
    // the shared mapping of a `signal_transitions` row, less what the case panel does not show
    return found.map((row) => {
      const { address: _address, details: _details, ...transition } = transitionFromRow(row);
      return transition;
    });
  }
}
