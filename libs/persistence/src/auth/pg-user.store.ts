import { DataSource } from 'typeorm';
import { firstRow, readFirstRow, rows, unnestParameters } from '../signals/sql';
import { rowFields } from '../signals/row-fields';
import { recordOperatorAction } from './operator-audit';
import type { Actor, OperatorAction, Role } from '@app/contracts';
import { NewUser, UserChanges, UserRecord, UserStore, UsernameTakenError } from './user-store';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  department_id: string | null;
  password_hash: string;
  active: boolean;
  created_at: Date;
  sessions_valid_from: Date;
}

/** A user record is the row as it is stored. */
const USER_COLUMNS = [
  'id',
  'username',
  'display_name',
  'role',
  'department_id',
  'password_hash',
  'active',
  'created_at',
  'sessions_valid_from',
] as const;

const columns = USER_COLUMNS.join(', ');

function fromRow(row: UserRow): UserRecord {
  return rowFields(row, USER_COLUMNS);
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === '23505';
}

export class PgUserStore extends UserStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async findByUsername(username: string): Promise<UserRecord | null> {
    return readFirstRow(
      this.dataSource,
      fromRow,
      `SELECT ${columns} FROM users WHERE lower(username) = lower($1)`,
      [username],
    );
  }

  async findById(id: string): Promise<UserRecord | null> {
    return readFirstRow(this.dataSource, fromRow, `SELECT ${columns} FROM users WHERE id = $1`, [id]);
  }

  async sessionsOf(ids: string[]): Promise<Map<string, { active: boolean; sessionsValidFrom: string }>> {
    const found = await rows<{ id: string; active: boolean; sessions_valid_from: Date }>(
      this.dataSource,
      `SELECT id, active, sessions_valid_from FROM users WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(
      found.map((row) => [
        row.id,
        { active: row.active, sessionsValidFrom: row.sessions_valid_from.toISOString() },
      ]),
    );
  }

  async list(): Promise<UserRecord[]> {
    return (await rows<UserRow>(this.dataSource, `SELECT ${columns} FROM users ORDER BY username`)).map(
      fromRow,
    );
  }

  async create(user: NewUser, actor: Actor): Promise<UserRecord> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const row = await firstRow<UserRow>(
          manager,
          `INSERT INTO users (username, display_name, role, department_id, password_hash)
           VALUES ($1, $2, $3, $4, $5) RETURNING ${columns}`,
          [user.username, user.displayName, user.role, user.departmentId, user.passwordHash],
        );
        const created = fromRow(row as UserRow);
        await recordOperatorAction(manager, actor, 'user.create', `user:${created.username}`, {
          role: created.role,
          departmentId: created.departmentId,
        });
        return created;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new UsernameTakenError(`username ${user.username} is taken`);
      throw error;
    }
  }

  async insertMissing(users: NewUser[]): Promise<string[]> {
    if (users.length === 0) return [];
    const inserted = await rows<{ username: string }>(
      this.dataSource,
      `INSERT INTO users (username, display_name, role, department_id, password_hash)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       ON CONFLICT ((lower(username))) DO NOTHING RETURNING username`,
      unnestParameters(users, ['username', 'displayName', 'role', 'departmentId', 'passwordHash']),
    );
    return inserted.map((row) => row.username);
  }

  setActive(id: string, active: boolean, actor: Actor): Promise<UserRecord | null> {
    return this.setColumn(id, 'active', active, actor, active ? 'user.activate' : 'user.deactivate');
  }

  async update(id: string, changes: UserChanges, actor: Actor): Promise<UserRecord | null> {
    return this.dataSource.transaction(async (manager) => {
      const found = await firstRow<UserRow>(
        manager,
        `SELECT ${columns} FROM users WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!found) return null;
      const before = fromRow(found);
      const after = {
        displayName: changes.displayName ?? before.displayName,
        role: changes.role ?? before.role,
        departmentId: changes.departmentId !== undefined ? changes.departmentId : before.departmentId,
        active: changes.active ?? before.active,
      };
      const row = await firstRow<UserRow>(
        manager,
        `UPDATE users SET display_name = $2, role = $3, department_id = $4, active = $5, updated_at = now()
          WHERE id = $1 RETURNING ${columns}`,
        [id, after.displayName, after.role, after.departmentId, after.active],
      );
      const target = `user:${before.username}`;
      const changed = (['displayName', 'role', 'departmentId'] as const).filter(
        (field) => before[field] !== after[field],
      );
      if (changed.length > 0) {
        await recordOperatorAction(manager, actor, 'user.update', target, {
          from: Object.fromEntries(changed.map((field) => [field, before[field]])),
          to: Object.fromEntries(changed.map((field) => [field, after[field]])),
        });
      }
      if (before.active !== after.active)
        await recordOperatorAction(
          manager,
          actor,
          after.active ? 'user.activate' : 'user.deactivate',
          target,
        );
      return fromRow(row as UserRow);
    });
  }

  setPassword(id: string, passwordHash: string, actor: Actor): Promise<UserRecord | null> {
    return this.setColumn(id, 'password_hash', passwordHash, actor, 'user.password-reset');
  }

  /** Sets one column of a user, recorded in the operator audit as `action`; null when there is no such user. */
  private setColumn(
    id: string,
    column: 'active' | 'password_hash',
    value: boolean | string,
    actor: Actor,
    action: OperatorAction,
  ): Promise<UserRecord | null> {
    return this.dataSource.transaction(async (manager) => {
      const row = await firstRow<UserRow>(
        manager,
        `UPDATE users SET ${column} = $2, updated_at = now() WHERE id = $1 RETURNING ${columns}`,
        [id, value],
      );
      if (!row) return null;
      await recordOperatorAction(manager, actor, action, `user:${row.username}`);
      return fromRow(row);
    });
  }
}
