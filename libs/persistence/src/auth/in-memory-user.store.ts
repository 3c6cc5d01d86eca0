import { randomUUID } from 'node:crypto';
import type { Actor } from '@app/contracts';
import { NewUser, UserChanges, UserRecord, UserStore, UsernameTakenError } from './user-store';

/** In-memory adapter of the user store, for tests of what sits on top of it. */
export class InMemoryUserStore extends UserStore {
  readonly users = new Map<string, UserRecord>();
  readonly audit: { actor: string; action: string; target: string }[] = [];

  findByUsername(username: string): Promise<UserRecord | null> {
    const wanted = username.toLowerCase();
    return Promise.resolve([...this.users.values()].find((u) => u.username.toLowerCase() === wanted) ?? null);
  }

  findById(id: string): Promise<UserRecord | null> {
    return Promise.resolve(this.users.get(id) ?? null);
  }

  sessionsOf(ids: string[]): Promise<Map<string, { active: boolean; sessionsValidFrom: string }>> {
    const found = new Map<string, { active: boolean; sessionsValidFrom: string }>();
    for (const id of ids) {
      const user = this.users.get(id);
      if (user) found.set(id, { active: user.active, sessionsValidFrom: user.sessionsValidFrom });
    }
    return Promise.resolve(found);
  }

  list(): Promise<UserRecord[]> {
    return Promise.resolve([...this.users.values()].sort((a, b) => a.username.localeCompare(b.username)));
  }

  async create(user: NewUser, actor: Actor): Promise<UserRecord> {
    if (await this.findByUsername(user.username))
      throw new UsernameTakenError(`username ${user.username} is taken`);
    const created = this.insert(user);
    this.audit.push({ actor: actor.username, action: 'user.create', target: `user:${created.username}` });
    return created;
  }

  async insertMissing(users: NewUser[]): Promise<string[]> {
    const inserted: string[] = [];
    for (const user of users) {
      if (await this.findByUsername(user.username)) continue;
      inserted.push(this.insert(user).username);
    }
    return inserted;
  }

  setActive(id: string, active: boolean, actor: Actor): Promise<UserRecord | null> {
    const user = this.users.get(id);
    if (!user) return Promise.resolve(null);
    // as the trigger of migration 1764600000000: a change of activity ends the user's sessions
    const changed =
      user.active === active ? user : { ...user, active, sessionsValidFrom: new Date().toISOString() };
    this.users.set(id, changed);
    this.audit.push({
      actor: actor.username,
      action: active ? 'user.activate' : 'user.deactivate',
      target: `user:${user.username}`,
    });
    return Promise.resolve(changed);
  }

  update(id: string, changes: UserChanges, actor: Actor): Promise<UserRecord | null> {
    const user = this.users.get(id);
    if (!user) return Promise.resolve(null);
    const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    const changed: UserRecord = { ...user, ...defined };
    // as the trigger of migration 1764600000000: a new role, department or activity ends the sessions
    if (
      changed.role !== user.role ||
      changed.departmentId !== user.departmentId ||
      changed.active !== user.active
    )
      changed.sessionsValidFrom = new Date().toISOString();
    this.users.set(id, changed);
    this.audit.push({ actor: actor.username, action: 'user.update', target: `user:${user.username}` });
    return Promise.resolve(changed);
  }

  setPassword(id: string, passwordHash: string, actor: Actor): Promise<UserRecord | null> {
    const user = this.users.get(id);
    if (!user) return Promise.resolve(null);
    const changed = { ...user, passwordHash, sessionsValidFrom: new Date().toISOString() };
    this.users.set(id, changed);
    this.audit.push({
      actor: actor.username,
      action: 'user.password-reset',
      target: `user:${user.username}`,
    });
    return Promise.resolve(changed);
  }

  private insert(user: NewUser): UserRecord {
    const record: UserRecord = {
      ...user,
      id: randomUUID(),
      active: true,
      createdAt: new Date(0).toISOString(),
      sessionsValidFrom: new Date(0).toISOString(),
    };
    this.users.set(record.id, record);
    return record;
  }
}
