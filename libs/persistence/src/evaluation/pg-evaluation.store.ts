import type { DataSource } from 'typeorm';
import type { FactCounts } from '@app/evaluation';
import { rows } from '../signals/sql';
import { EvaluationStore, type FactsQuery } from './evaluation-store';

interface CaseRow {
  department_id: string;
  item_code: string;
  month: string;
  completed: string;
  on_time: string;
  early: string;
  time_used: string;
}

interface SignalRow {
  department_id: string;
  item_code: string;
  month: string;
  kind: 'warning' | 'yellow' | 'red' | 'late_report' | 'sequence';
  raised: string;
  justified: string;
  timely: string;
  late: string;
  pending: string;
}

interface EventRow {
  department_id: string;
  item_code: string;
  month: string;
  events: string;
}

/**
 * Three grouped reads, one per source, each an index range scan on the period:
 * - cases whose clock stopped in the period (`cases_clock_stopped`); a withdrawal (撤回) is the
 *   applicant's choice, not a completion the department is judged on, as on the wall;
 * - signals raised in the period (`signals_raised_at`) that stand: not retracted, not superseded;
 *   their justified closures; their notices (a response deadline) answered by the deadline, after
 *   it or not at all (late once the deadline passed), or still pending; a notice closed by a
 *   supervisor before its deadline without an answer is neither;
 * - events that occurred in the period (`audit_events_occurred`).
 */
export class PgEvaluationStore extends EvaluationStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async counts(query: FactsQuery): Promise<FactCounts> {
    const from = new Date(query.fromMs).toISOString();
    const to = new Date(query.toMs).toISOString();
    const asOf = new Date(query.asOfMs).toISOString();
    const common = [from, to, query.timeZone, query.departmentId];
    const [cases, signals, events] = await Promise.all([
      rows<CaseRow>(
        this.dataSource,
        `SELECT department_id, item_code, to_char(clock_stopped_at AT TIME ZONE $3, 'YYYY-MM') AS month,
                count(*) AS completed, count(*) FILTER (WHERE on_time) AS on_time,
                count(*) FILTER (WHERE time_used_days < promised_days) AS early,
                coalesce(sum(time_used_days), 0) AS time_used
           FROM cases
          WHERE clock_stopped_at >= $1 AND clock_stopped_at < $2 AND result <> 'withdrawn'
            AND ($4::text IS NULL OR department_id = $4)
          GROUP BY 1, 2, 3`,
        common,
      ),
      rows<SignalRow>(
        this.dataSource,
        `SELECT department_id, item_code, to_char(raised_at AT TIME ZONE $3, 'YYYY-MM') AS month,
                CASE WHEN rule_id = 'DATA_REPORTED_LATE' THEN 'late_report'
                     WHEN stage = 'data' THEN 'sequence'
                     ELSE level END AS kind,
                count(*) AS raised, count(*) FILTER (WHERE verdict = 'justified') AS justified,
                count(*) FILTER (WHERE response_due_at IS NOT NULL AND responded_at <= response_due_at) AS timely,
                count(*) FILTER (WHERE response_due_at IS NOT NULL AND (responded_at > response_due_at
                  OR (responded_at IS NULL AND response_due_at <= $5
                      AND (closed_at IS NULL OR closed_at > response_due_at)))) AS late,
                count(*) FILTER (WHERE response_due_at IS NOT NULL AND responded_at IS NULL AND closed_at IS NULL
                  AND response_due_at > $5) AS pending
           FROM signals
          WHERE raised_at >= $1 AND raised_at < $2 AND status <> 'retracted' AND escalated_to IS NULL
            AND ($4::text IS NULL OR department_id = $4)
          GROUP BY 1, 2, 3, 4`,
        [...common, asOf],
      ),
      rows<EventRow>(
        this.dataSource,
        `SELECT department_id, item_code, to_char(occurred_at AT TIME ZONE $3, 'YYYY-MM') AS month,
                count(*) AS events
           FROM audit_events
          WHERE occurred_at >= $1 AND occurred_at < $2 AND ($4::text IS NULL OR department_id = $4)
          GROUP BY 1, 2, 3`,
        common,
      ),
    ]);

    const key = (row: { department_id: string; item_code: string; month: string }) => ({
      departmentId: row.department_id,
      itemCode: row.item_code,
      month: row.month,
    });
    return {
      cases: cases.map((row) => ({
        ...key(row),
        completed: Number(row.completed),
        onTime: Number(row.on_time),
        early: Number(row.early),
        timeUsedDays: Number(row.time_used),
      })),
      signals: signals.map((row) => ({
        ...key(row),
        kind: row.kind,
        raised: Number(row.raised),
        justified: Number(row.justified),
        timely: Number(row.timely),
        late: Number(row.late),
        pending: Number(row.pending),
      })),
      events: events.map((row) => ({ ...key(row), events: Number(row.events) })),
    };
  }
}
