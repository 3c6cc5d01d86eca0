import { DataSource } from 'typeorm';
import { rowFields } from '../signals/row-fields';
import { rows } from '../signals/sql';
import { AccessAudit, AccessRefusal, AccessRefusalRecord, OperatorActionRecord } from './access-audit';
import { searchOperatorAudit } from './operator-audit-search';
import type { Role } from '@app/contracts';

interface RefusalRow {
  id: string;
  at: Date;
  channel: 'http' | 'socket';
  user_id: string | null;
  username: string | null;
  role: Role | null;
  department_id: string | null;
  address: string | null;
  method: string | null;
  target: string;
  status: number;
  reason: string;
}

export class PgAccessAudit extends AccessAudit {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async recordRefusal(refusal: AccessRefusal): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO access_refusals (channel, user_id, username, role, department_id, address, method, target, status, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        refusal.channel,
        refusal.userId,
        refusal.username,
        refusal.role,
        refusal.departmentId,
        refusal.address,
        refusal.method,
        refusal.target.slice(0, 2000),
        refusal.status,
        refusal.reason.slice(0, 2000),
      ],
    );
  }

  async refusals(options: { limit: number; username?: string }): Promise<AccessRefusalRecord[]> {
    const found = await rows<RefusalRow>(
      this.dataSource,
      `SELECT * FROM access_refusals WHERE ($2::text IS NULL OR lower(username) = lower($2))
        ORDER BY id DESC LIMIT $1`,
      [options.limit, options.username ?? null],
    );
    return found.map((row) => ({
      id: Number(row.id),
      ...rowFields(row, [
        'at',
        'channel',
        'user_id',
        'username',
        'role',
        'department_id',
        'address',
        'method',
        'target',
        'status',
        'reason',
      ]),
    }));
  }

  operatorActions(options: { limit: number }): Promise<OperatorActionRecord[]> {
    return searchOperatorAudit(this.dataSource, options);
  }
}
