import { randomUUID } from 'node:crypto';
import type { Actor } from '@app/contracts';
import { NewUser, UserRecord, UserStore, UsernameTakenError } from './user-store';

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
    const changed = { ...user, active };
    this.users.set(id, changed);
    this.audit.push({
      actor: actor.username,
      action: active ? 'user.activate' : 'user.deactivate',
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
    };
    this.users.set(record.id, record);
    return record;
  }
}
