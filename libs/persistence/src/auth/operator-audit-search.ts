import { rows, type Queryable } from '../signals/sql';
import type { OperatorActionRecord } from './access-audit';

/** What the operator audit can be narrowed to; every filter is optional. */
export interface OperatorAuditFilter {
  /** An action (`user.create`) or its family (`user`: every `user.*`). */
  action?: string;
  /** The actor's username, regardless of case. */
  actor?: string;
  /** Part of the target (`user:zhangsan`, `catalog-version:3`), regardless of case. */
  target?: string;
  /** First day, YYYY-MM-DD in Beijing time (inclusive). */
  from?: string;
  /** Last day, YYYY-MM-DD in Beijing time (inclusive). */
  to?: string;
  limit: number;
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The instant a Beijing day (YYYY-MM-DD) starts. */
export function beijingDayStart(day: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date) - BEIJING_OFFSET_MS);
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The WHERE clause and its parameters of a filter (parameters from $1). */
export function operatorAuditWhere(filter: Omit<OperatorAuditFilter, 'limit'>): {
  where: string;
  parameters: unknown[];
} {
  const conditions: string[] = [];
  const parameters: unknown[] = [];
  const parameter = (value: unknown) => {
    parameters.push(value);
    return `$${parameters.length}`;
  };
  if (filter.action) {
    const exact = parameter(filter.action);
    const family = parameter(`${escapeLike(filter.action)}.%`);
    conditions.push(`(action = ${exact} OR action LIKE ${family})`);
  }
  if (filter.actor) conditions.push(`lower(actor_username) = lower(${parameter(filter.actor)})`);
  if (filter.target) conditions.push(`target ILIKE ${parameter(`%${escapeLike(filter.target)}%`)}`);
  if (filter.from) conditions.push(`at >= ${parameter(beijingDayStart(filter.from).toISOString())}`);
  if (filter.to)
    conditions.push(
      `at < ${parameter(new Date(beijingDayStart(filter.to).getTime() + DAY_MS).toISOString())}`,
    );
  return { where: conditions.length > 0 ? conditions.join(' AND ') : 'true', parameters };
}

interface OperatorRow {
  id: string;
  at: Date;
  actor_username: string;
  actor_role: string;
  address: string | null;
  action: string;
  target: string;
  details: Record<string, unknown>;
}

/** The operator audit, newest first, narrowed by a filter. */
export async function searchOperatorAudit(
  db: Queryable,
  filter: OperatorAuditFilter,
): Promise<OperatorActionRecord[]> {
  const { where, parameters } = operatorAuditWhere(filter);
  const found = await rows<OperatorRow>(
    db,
    `SELECT id, at, actor_username, actor_role, address, action, target, details
       FROM operator_audit WHERE ${where} ORDER BY id DESC LIMIT $${parameters.length + 1}`,
    [...parameters, filter.limit],
  );
  return found.map((row) => ({
    id: Number(row.id),
    at: row.at.toISOString(),
    actorUsername: row.actor_username,
    actorRole: row.actor_role,
    address: row.address,
    action: row.action,
    target: row.target,
    details: row.details,
  }));
}
