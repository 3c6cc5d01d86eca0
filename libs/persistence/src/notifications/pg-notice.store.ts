import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor, NoticeKind } from '@app/contracts';
import { recordOperatorAction } from '../auth/operator-audit';
import { rowFields } from '../signals/row-fields';
import { firstRow, readRows } from '../signals/sql';
import { NewNotice, NoticeStore, StoredNotice } from './notice-store';

interface NoticeRow {
  id: string;
  kind: NoticeKind;
  year: number;
  number: number;
  alert_key: string;
  case_id: string;
  department_id: string;
  issued_by_username: string;
  issued_at: Date;
  response_due_at: Date | null;
  sha256: string;
}

const COLUMNS = `id, kind, year, number, alert_key, case_id, department_id, issued_by_username, issued_at,
  response_due_at, sha256`;

function fromRow(row: NoticeRow): StoredNotice {
  return {
    ...rowFields(row, ['id', 'kind', 'year', 'number', 'alert_key', 'case_id', 'department_id']),
    issuedBy: row.issued_by_username,
    ...rowFields(row, ['issued_at', 'response_due_at', 'sha256']),
  };
}

export class PgNoticeStore extends NoticeStore {
  constructor(
    private readonly dataSource: DataSource,
    /** The year of an instant in the office's zone (a notice issued on 12-31 local is that year's). */
    private readonly yearOf: (instant: string) => number,
  ) {
    super();
  }

  issue(
    notice: NewNotice,
    render: (number: { year: number; number: number }) => Promise<Buffer>,
    actor: Actor,
  ): Promise<StoredNotice> {
    return this.dataSource.transaction(async (manager) => {
      const year = this.yearOf(notice.issuedAt);
      // the counter row is locked until the transaction ends: numbers are sequential and never reused
      const counter = await firstRow<{ last: number }>(
        manager,
        `INSERT INTO notice_counters (year, last) VALUES ($1, 1)
         ON CONFLICT (year) DO UPDATE SET last = notice_counters.last + 1 RETURNING last`,
        [year],
      );
      const number = (counter as { last: number }).last;
      const pdf = await render({ year, number });
      const row = await firstRow<NoticeRow>(
        manager,
        `INSERT INTO notices (kind, year, number, alert_key, case_id, department_id, issued_by_username, issued_at,
                              response_due_at, pdf, sha256)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${COLUMNS}`,
        [
          notice.kind,
          year,
          number,
          notice.alertKey,
          notice.caseId,
          notice.departmentId,
          actor.username,
          notice.issuedAt,
          notice.responseDueAt,
          pdf,
          createHash('sha256').update(pdf).digest('hex'),
        ],
      );
      const stored = fromRow(row as NoticeRow);
      await recordOperatorAction(manager, actor, 'notice.issue', `signal:${notice.alertKey}`, {
        notice: stored.id,
        kind: notice.kind,
        year,
        number,
        sha256: stored.sha256,
      });
      return stored;
    });
  }

  async forSignal(alertKey: string): Promise<StoredNotice[]> {
    return readRows(
      this.dataSource,
      fromRow,
      `SELECT ${COLUMNS} FROM notices WHERE alert_key = $1 ORDER BY issued_at, number`,
      [alertKey],
    );
  }

  async find(id: string): Promise<StoredNotice | null> {
    const row = await firstRow<NoticeRow>(this.dataSource, `SELECT ${COLUMNS} FROM notices WHERE id = $1`, [
      id,
    ]);
    return row ? fromRow(row) : null;
  }

  download(id: string, actor: Actor): Promise<Buffer | null> {
    return this.dataSource.transaction(async (manager) => {
      const row = await firstRow<{ pdf: Buffer; alert_key: string; year: number; number: number }>(
        manager,
        `SELECT pdf, alert_key, year, number FROM notices WHERE id = $1`,
        [id],
      );
      if (!row) return null;
      await recordOperatorAction(manager, actor, 'notice.download', `signal:${row.alert_key}`, {
        notice: id,
        year: row.year,
        number: row.number,
      });
      return row.pdf;
    });
  }
}
