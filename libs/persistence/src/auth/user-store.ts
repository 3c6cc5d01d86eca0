import type { Actor, Role } from '@app/contracts';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** The department of a department officer; null for every other role. */
  departmentId: string | null;
  passwordHash: string;
  active: boolean;
  createdAt: string;
  /** Tokens issued before this instant are void: it moves when role, department, activity or password change. */
  sessionsValidFrom: string;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
  passwordHash: string;
}

/** What an administrator may change of a user; a field left out stays as it is. */
export interface UserChanges {
  displayName?: string;
  role?: Role;
  /** Must be set (officer) or null (any other role) together with a role change. */
  departmentId?: string | null;
  active?: boolean;
}

export class UsernameTakenError extends Error {
  override readonly name = 'UsernameTakenError';
}

/** Port: console users. Usernames are unique regardless of case. */
export abstract class UserStore {
  abstract findByUsername(username: string): Promise<UserRecord | null>;
  abstract findById(id: string): Promise<UserRecord | null>;
  abstract list(): Promise<UserRecord[]>;
  /** Of these users, those that exist, with whether they are active and since when their sessions hold. */
  abstract sessionsOf(ids: string[]): Promise<Map<string, { active: boolean; sessionsValidFrom: string }>>;
  /** Creates one user (audited); throws `UsernameTakenError` when the name exists. */
  abstract create(user: NewUser, actor: Actor): Promise<UserRecord>;
  /** Inserts the users whose username does not exist yet; returns the usernames it inserted. */
  abstract insertMissing(users: NewUser[]): Promise<string[]>;
  /** Activates or deactivates a user (audited); null when there is no such user. */
  abstract setActive(id: string, active: boolean, actor: Actor): Promise<UserRecord | null>;
  /**
   * Changes a user's name, role, department or active flag in one step, audited (`user.update`
   * with the values before and after, `user.activate` / `user.deactivate`); null when there is no
   * such user.
   */
  abstract update(id: string, changes: UserChanges, actor: Actor): Promise<UserRecord | null>;
  /** Replaces a user's password hash (audited `user.password-reset`); null when there is no such user. */
  abstract setPassword(id: string, passwordHash: string, actor: Actor): Promise<UserRecord | null>;
}
