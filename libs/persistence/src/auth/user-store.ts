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
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
  passwordHash: string;
}

export class UsernameTakenError extends Error {
  override readonly name = 'UsernameTakenError';
}

/** Port: console users. Usernames are unique regardless of case. */
export abstract class UserStore {
  abstract findByUsername(username: string): Promise<UserRecord | null>;
  abstract findById(id: string): Promise<UserRecord | null>;
  abstract list(): Promise<UserRecord[]>;
  /** Creates one user (audited); throws `UsernameTakenError` when the name exists. */
  abstract create(user: NewUser, actor: Actor): Promise<UserRecord>;
  /** Inserts the users whose username does not exist yet; returns the usernames it inserted. */
  abstract insertMissing(users: NewUser[]): Promise<string[]>;
  /** Activates or deactivates a user (audited); null when there is no such user. */
  abstract setActive(id: string, active: boolean, actor: Actor): Promise<UserRecord | null>;
}
