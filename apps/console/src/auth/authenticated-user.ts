import { ForbiddenException } from '@nestjs/common';
import type { SignalScope, UserRecord } from '@app/persistence';
import type { Actor, Role } from '@app/contracts';

/** The user behind a request or a socket, loaded fresh from the users table on every request. */
export interface AuthenticatedUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** A department officer's department; null for every other role. */
  departmentId: string | null;
}

/** The user a users-table row describes: no password hash, no account state. */
export function authenticatedUserOf(record: UserRecord): AuthenticatedUser {
  return {
    id: record.id,
    username: record.username,
    displayName: record.displayName,
    role: record.role,
    departmentId: record.departmentId,
  };
}

/** What the console reads of an Express request (the project carries no Express types). */
export interface ConsoleRequest {
  ip?: string;
  socket?: { remoteAddress?: string };
  headers: Record<string, string | string[] | undefined> & { authorization?: string };
  method: string;
  originalUrl: string;
  body?: unknown;
  user?: AuthenticatedUser;
}

/** The client's address as Express sees it (X-Forwarded-For only from trusted proxies, TRUST_PROXY). */
export function clientAddress(request: ConsoleRequest): string | null {
  return request.ip ?? request.socket?.remoteAddress ?? null;
}

export function actorOf(user: AuthenticatedUser, address: string | null): Actor {
  return {
    userId: user.id,
    username: user.username,
    role: user.role,
    departmentId: user.departmentId,
    address,
  };
}

/** What a user may read: a department officer only their own department, everyone else all. */
export function scopeOf(user: AuthenticatedUser): SignalScope {
  return { departmentId: user.role === 'department_officer' ? user.departmentId : null };
}

/**
 * The department a read is narrowed to: an officer's own always (403 when they ask for another),
 * otherwise the one asked for, or every department (null).
 */
export function readableDepartment(user: AuthenticatedUser, asked: string | undefined): string | null {
  const own = scopeOf(user).departmentId;
  if (own !== null && asked !== undefined && asked !== own)
    throw new ForbiddenException(`you may only see department ${own}`);
  return own ?? asked ?? null;
}
