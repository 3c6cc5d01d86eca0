import type { AuthenticatedUser } from '../auth/authenticated-user';
import { defaultRooms, refusalToJoin, wallScopeOf } from './wall-access';

function aUser(role: AuthenticatedUser['role'], departmentId: string | null = null): AuthenticatedUser {
  return { id: `id-${role}`, username: role, displayName: role, role, departmentId };
}

describe('wall access', () => {
  it.each([
    ['supervisor', aUser('supervisor'), { departmentId: null }, ['supervisors']],
    ['auditor', aUser('auditor'), { departmentId: null }, ['supervisors']],
    [
      'department officer',
      aUser('department_officer', 'scjgj'),
      { departmentId: 'scjgj' },
      ['department:scjgj'],
    ],
    ['officer without a department', aUser('department_officer'), null, []],
    ['administrator', aUser('administrator'), null, []],
  ] as const)('gives a %s its scope and rooms', (_name, user, scope, rooms) => {
    expect(wallScopeOf(user)).toEqual(scope);
    expect(defaultRooms(user)).toEqual(rooms);
  });

  it.each([
    [aUser('supervisor'), 'department:zjj', null],
    [aUser('auditor'), 'supervisors', null],
    [aUser('supervisor'), 'notifications', 'no room notifications'],
    [aUser('department_officer', 'scjgj'), 'department:scjgj', null],
    [
      aUser('department_officer', 'scjgj'),
      'department:zjj',
      'a department officer of scjgj may only join department:scjgj',
    ],
    [
      aUser('department_officer', 'scjgj'),
      'supervisors',
      'a department officer of scjgj may only join department:scjgj',
    ],
    [aUser('administrator'), 'supervisors', 'a administrator has no wall room'],
  ] as const)('lets a %o join %s or says why not', (user, room, refusal) => {
    expect(refusalToJoin(user, room)).toBe(refusal);
  });
});
