import type { AuthenticatedUser } from '../auth/authenticated-user';

export const SUPERVISORS_ROOM = 'supervisors';
export const departmentRoom = (departmentId: string) => `department:${departmentId}`;

/**
 * What a user's wall may show: every department (`departmentId: null`) for supervisors and
 * auditors, their own department for a department officer, nothing (null) for anyone else.
 */
export function wallScopeOf(user: AuthenticatedUser): { departmentId: string | null } | null {
  if (user.role === 'supervisor' || user.role === 'auditor') return { departmentId: null };
  if (user.role === 'department_officer' && user.departmentId) return { departmentId: user.departmentId };
  return null;
}

/** The rooms a wall socket joins at its handshake. */
export function defaultRooms(user: AuthenticatedUser): string[] {
  const scope = wallScopeOf(user);
  if (!scope) return [];
  return scope.departmentId === null ? [SUPERVISORS_ROOM] : [departmentRoom(scope.departmentId)];
}

/** Why a user may not join a room, or null when they may. */
export function refusalToJoin(user: AuthenticatedUser, room: string): string | null {
  const isDepartmentRoom = /^department:[^\s]+$/.test(room);
  const scope = wallScopeOf(user);
  if (scope?.departmentId === null) {
    return room === SUPERVISORS_ROOM || isDepartmentRoom ? null : `no room ${room}`;
  }
  if (scope && room === departmentRoom(scope.departmentId)) return null;
  return user.role === 'department_officer'
    ? `a department officer of ${user.departmentId ?? '?'} may only join ${departmentRoom(user.departmentId ?? '?')}`
    : `a ${user.role} has no wall room`;
}
