import { DataSource } from 'typeorm';
import { recordOperatorAction } from '../auth/operator-audit';
import type { Actor } from '@app/contracts';
import { rowFields } from './row-fields';
import { NewSilence, SilenceRecord, SilenceStore } from './silence-store';
import { firstRow, readFirstRow, readRows } from './sql';

interface SilenceRow {
  id: string;
  department_id: string | null;
  rule_id: string | null;
  reason: string;
  created_by_username: string;
  created_at: Date;
  starts_at: Date;
  ends_at: Date;
  expired_at: Date | null;
  expired_by_username: string | null;
}

const columns = `id, department_id, rule_id, reason, created_by_username, created_at, starts_at, ends_at,
  expired_at, expired_by_username`;

function fromRow(row: SilenceRow): SilenceRecord {
  return {
    ...rowFields(row, ['id', 'department_id', 'rule_id', 'reason']),
    createdBy: row.created_by_username,
    ...rowFields(row, ['created_at', 'starts_at', 'ends_at', 'expired_at']),
    expiredBy: row.expired_by_username,
  };
}

/**
 * SQL condition: silence `s` is in force at `$now` for a notification of department `dept` and rule
 * `rule`. Shared with the digest builder so both agree on what "silenced" means.
 */
export function silenceMatches(now: string, department: string, rule: string): string {
  return `s.expired_at IS NULL AND s.starts_at <= ${now} AND s.ends_at > ${now}
    AND (s.department_id IS NULL OR s.department_id = ${department})
    AND (s.rule_id IS NULL OR s.rule_id = ${rule})`;
}

export class PgSilenceStore extends SilenceStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  create(silence: NewSilence, actor: Actor): Promise<SilenceRecord> {
    return this.dataSource.transaction(async (manager) => {
      const row = await firstRow<SilenceRow>(
        manager,
        `INSERT INTO silences (department_id, rule_id, reason, created_by, created_by_username, starts_at, ends_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${columns}`,
        [
          silence.departmentId,
          silence.ruleId,
          silence.reason,
          actor.userId,
          actor.username,
          silence.startsAt,
          silence.endsAt,
        ],
      );
      const created = fromRow(row as SilenceRow);
      await recordOperatorAction(manager, actor, 'silence.create', `silence:${created.id}`, {
        departmentId: created.departmentId,
        ruleId: created.ruleId,
        reason: created.reason,
        startsAt: created.startsAt,
        endsAt: created.endsAt,
      });
      return created;
    });
  }

  expire(id: string, actor: Actor, now: string): Promise<SilenceRecord | null> {
    return this.dataSource.transaction(async (manager) => {
      const row = await firstRow<SilenceRow>(
        manager,
        `UPDATE silences SET expired_at = $2, expired_by_username = $3
          WHERE id = $1 AND expired_at IS NULL AND ends_at > $2 RETURNING ${columns}`,
        [id, now, actor.username],
      );
      if (!row) return this.find(id);
      await recordOperatorAction(manager, actor, 'silence.expire', `silence:${id}`, {});
      return fromRow(row);
    });
  }

  async find(id: string): Promise<SilenceRecord | null> {
    return readFirstRow(this.dataSource, fromRow, `SELECT ${columns} FROM silences WHERE id::text = $1`, [
      id,
    ]);
  }

  async list(options: {
    activeAt?: string;
    departmentId?: string | null;
    limit: number;
  }): Promise<SilenceRecord[]> {
    return readRows(
      this.dataSource,
      fromRow,
      `SELECT ${columns} FROM silences s
        WHERE ($1::timestamptz IS NULL OR (s.expired_at IS NULL AND s.starts_at <= $1 AND s.ends_at > $1))
          AND ($2::text IS NULL OR s.department_id IS NULL OR s.department_id = $2)
        ORDER BY s.created_at DESC LIMIT $3`,
      [options.activeAt ?? null, options.departmentId ?? null, options.limit],
    );
  }
}
