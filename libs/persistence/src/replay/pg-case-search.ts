import { DataSource } from 'typeorm';
import { caseFromRow, type CaseRow } from '../signals/signal-rows';
import type { CaseRecord } from '../signals/signal-store';
import { rows } from '../signals/sql';

/** What a case search asks: every field narrows; `departmentId` null is every department. */
export interface CaseSearchFilter {
  /** Part of the case id (case-insensitive). */
  query?: string;
  departmentId: string | null;
  itemCode?: string;
  /** Cases with at least one event in `[from, to)` (instants). */
  from?: string;
  to?: string;
  limit: number;
}

export interface CaseSearchRow extends CaseRecord {
  /** Live signals of the case that are not retracted. */
  signals: number;
}

interface Row extends CaseRow {
  signals: string;
}

/** `%`, `_` and `\` taken literally in a LIKE pattern. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The case search of the auditor's workspace (审计回放): the `cases` projection narrowed by case id,
 * department, item and a window of activity (an event in `[from, to)`, read from the audit store
 * through its `(case_id, occurred_at, seq)` index), newest activity first.
 */
export class PgCaseSearch {
  constructor(private readonly dataSource: DataSource) {}

  async search(filter: CaseSearchFilter): Promise<CaseSearchRow[]> {
    const found = await rows<Row>(
      this.dataSource,
      `SELECT c.case_id, c.item_code, c.department_id, c.phase, c.accepted_at, c.promised_deadline,
              c.legal_deadline, c.event_count, c.last_occurred_at,
              (SELECT count(*) FROM signals s WHERE s.case_id = c.case_id AND s.status <> 'retracted') AS signals
         FROM cases c
        WHERE ($1::text IS NULL OR c.case_id ILIKE '%' || $1 || '%')
          AND ($2::text IS NULL OR c.department_id = $2)
          AND ($3::text IS NULL OR c.item_code = $3)
          AND ($4::timestamptz IS NULL AND $5::timestamptz IS NULL
               OR EXISTS (SELECT 1 FROM audit_events a
                           WHERE a.case_id = c.case_id
                             AND ($4::timestamptz IS NULL OR a.occurred_at >= $4)
                             AND ($5::timestamptz IS NULL OR a.occurred_at < $5)))
        ORDER BY c.last_occurred_at DESC, c.case_id
        LIMIT $6`,
      [
        filter.query ? likeLiteral(filter.query) : null,
        filter.departmentId,
        filter.itemCode ?? null,
        filter.from ?? null,
        filter.to ?? null,
        filter.limit,
      ],
    );
    return found.map((row) => ({ ...caseFromRow(row), signals: Number(row.signals) }));
  }
}
