import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { hashPassword, NewUser, UserStore } from '@app/persistence';
import { Role } from '@app/contracts';
import type { AppConfig } from '@app/platform';
import type { ReferenceData } from '../reference/reference-data';

interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
}

/** A supervisor, an auditor, an administrator, and one officer per catalogue department. */
export function demoUsers(reference: ReferenceData): DemoUser[] {
  return [
    { username: 'jiancha', displayName: '监察员 张明', role: 'supervisor', departmentId: null },
    { username: 'shenji', displayName: '审计员 李华', role: 'auditor', departmentId: null },
    { username: 'admin', displayName: '系统管理员', role: 'administrator', departmentId: null },
    ...reference.departments.map((department) => ({
      username: `officer-${department.id}`,
      displayName: `${department.name} 经办人`,
      role: 'department_officer' as const,
      departmentId: department.id,
    })),
  ];
}

/**
 * Seeds the demo users that do not exist yet (DEMO_SEED_USERS). Their password is DEMO_PASSWORD;
 * without it a random one is generated and printed once, when the users are created: there is no
 * default password, in production or anywhere else.
 */
export async function seedDemoUsers(
  config: AppConfig,
  users: UserStore,
  reference: ReferenceData,
  logger: Logger,
  print: (text: string) => void,
): Promise<string[]> {
  if (!config.DEMO_SEED_USERS) return [];
  const existing = new Set((await users.list()).map((user) => user.username.toLowerCase()));
  const missing = demoUsers(reference).filter((user) => !existing.has(user.username.toLowerCase()));
  if (missing.length === 0) return [];
  const generated = config.DEMO_PASSWORD === undefined;
  const password = config.DEMO_PASSWORD ?? randomBytes(12).toString('base64url');
  const rows: NewUser[] = [];
  for (const user of missing) rows.push({ ...user, passwordHash: await hashPassword(password) });
  const inserted = await users.insertMissing(rows);
  if (inserted.length === 0) return [];
  if (config.NODE_ENV === 'production') logger.warn({ users: inserted }, 'demo users seeded in production');
  logger.info({ users: inserted }, 'demo users created');
  if (generated) {
    print(
      `\n  demo users created: ${inserted.join(', ')}\n` +
        `  generated password (shown once, set DEMO_PASSWORD to choose one): ${password}\n\n`,
    );
  }
  return inserted;
}
