import type { DataSource } from 'typeorm';
import { emptyFacts, type Facts, type FactsRow } from '@app/evaluation';
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

  async facts(query: FactsQuery): Promise<FactsRow[]> {
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

    const byKey = new Map<string, FactsRow>();
    const factsOf = (row: { department_id: string; item_code: string; month: string }): Facts => {
      const key = `${row.department_id}\u0000${row.item_code}\u0000${row.month}`;
      let found = byKey.get(key);
      if (!found) {
        found = {
          departmentId: row.department_id,
          itemCode: row.item_code,
          month: row.month,
          facts: emptyFacts(),
        };
        byKey.set(key, found);
      }
      return found.facts;
    };
    for (const row of cases) {
      const facts = factsOf(row);
      facts.completed += Number(row.completed);
      facts.onTime += Number(row.on_time);
      facts.early += Number(row.early);
      facts.timeUsedDays += Number(row.time_used);
    }
    for (const row of signals) {
      const facts = factsOf(row);
      const tally =
        row.kind === 'late_report'
          ? facts.lateReports
          : row.kind === 'sequence'
            ? facts.sequenceErrors
            : facts.signals[row.kind];
      tally.raised += Number(row.raised);
      tally.justified += Number(row.justified);
      facts.notices.timely += Number(row.timely);
      facts.notices.late += Number(row.late);
      facts.notices.pending += Number(row.pending);
    }
    for (const row of events) factsOf(row).events += Number(row.events);
    return [...byKey.values()];
  }
}
