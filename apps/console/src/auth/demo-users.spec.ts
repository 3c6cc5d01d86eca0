import pino from 'pino';
import { OFFICIAL_CALENDAR_2025_2026, WorkingCalendar } from '@app/calendar';
import { InMemoryUserStore, verifyPassword } from '@app/persistence';
import { loadConfig } from '@app/platform';
import { ReferenceData } from '../reference/reference-data';
import { demoUsers, seedDemoUsers } from './demo-users';

const silent = pino({ level: 'silent' });
const reference = new ReferenceData(
  [{ id: 'scjgj', name: '市市场监督管理局' }],
  new WorkingCalendar(OFFICIAL_CALENDAR_2025_2026),
);

function aSeeding(env: Record<string, string>) {
  const printed: string[] = [];
  const users = new InMemoryUserStore();
  const run = () => seedDemoUsers(loadConfig(env), users, reference, silent, (text) => printed.push(text));
  return { users, printed, run };
}

describe(demoUsers.name, () => {
  it('has one user per role and one officer per department', () => {
    expect(demoUsers(reference).map((u) => [u.username, u.role, u.departmentId])).toEqual([
      ['jiancha', 'supervisor', null],
      ['shenji', 'auditor', null],
      ['admin', 'administrator', null],
      ['officer-scjgj', 'department_officer', 'scjgj'],
    ]);
  });
});

describe(seedDemoUsers.name, () => {
  it('gives the users DEMO_PASSWORD and prints nothing', async () => {
    const sut = aSeeding({ DEMO_PASSWORD: 'configured-password' });
    expect(await sut.run()).toHaveLength(4);
    const officer = await sut.users.findByUsername('officer-scjgj');
    expect(await verifyPassword('configured-password', officer?.passwordHash ?? '')).toBe(true);
    expect(sut.printed).toEqual([]);
  });

  it.each(['development', 'production'])(
    'generates a password without DEMO_PASSWORD (%s), never a default one, and prints it once',
    async (environment) => {
      const sut = aSeeding({ NODE_ENV: environment });
      await sut.run();
      expect(sut.printed).toHaveLength(1);
      const password = /generated password[^:]*: (\S+)/.exec(sut.printed[0] ?? '')?.[1] ?? '';
      expect(password.length).toBeGreaterThanOrEqual(16);
      const supervisor = await sut.users.findByUsername('jiancha');
      expect(await verifyPassword(password, supervisor?.passwordHash ?? '')).toBe(true);
      expect(await sut.run()).toEqual([]);
      expect(sut.printed).toHaveLength(1);
      const other = aSeeding({ NODE_ENV: environment });
      await other.run();
      expect(other.printed[0]).not.toContain(password);
    },
  );

  it('seeds nobody when DEMO_SEED_USERS is false', async () => {
    const sut = aSeeding({ DEMO_SEED_USERS: 'false', DEMO_PASSWORD: 'configured-password' });
    expect(await sut.run()).toEqual([]);
    expect(await sut.users.list()).toEqual([]);
  });
});
