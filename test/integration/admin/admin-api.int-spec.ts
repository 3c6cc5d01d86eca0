// 后台管理's API (issue 17): the catalogue uploaded as files (a bad one names file, entry and field),
// published with an effective instant; users changed, passwords reset; the operator audit narrowed
// and exported; every action recorded with who and when, every other role refused and recorded.
// Real console, PostgreSQL and Kafka.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CATALOG_FILE_NAMES } from '@app/catalog';
import { ConsoleTestBed, DEMO_PASSWORD, repoRoot } from '../../support/console-harness';

const DEMO = path.join(repoRoot, 'deploy/catalog/demo');

interface Problem {
  file: string;
  entryIndex?: number;
  entryKey?: { name: string; value: string };
  field?: string;
  problem: string;
}
interface Version {
  id: number;
  kind: string;
  effectiveFrom: string;
  basedOn: number | null;
  authorUsername: string;
}
interface UserView {
  id: string;
  username: string;
  role: string;
  departmentId: string | null;
  active: boolean;
}
interface Action {
  at: string;
  actorUsername: string;
  action: string;
  target: string;
  details: Record<string, unknown>;
}
interface Refusal {
  username: string | null;
  method: string | null;
  target: string;
  status: number;
}

/** The demo catalogue's files, with `change` applied to the parsed `items.json`. */
function demoFiles(change?: (items: Record<string, unknown>[]) => void): { name: string; text: string }[] {
  return CATALOG_FILE_NAMES.map((name) => {
    const text = readFileSync(path.join(DEMO, name), 'utf8');
    if (name !== 'items.json' || !change) return { name, text };
    const items = JSON.parse(text) as Record<string, unknown>[];
    change(items);
    return { name, text: JSON.stringify(items, null, 2) };
  });
}

describe('administration API', () => {
  const bed = new ConsoleTestBed();

  beforeAll(async () => {
    await bed.setUp();
  });

  afterAll(async () => {
    await bed.tearDown();
  });

  async function upload(
    files: { name: string; text: string }[],
    fields: Record<string, string>,
    as = 'admin',
  ): Promise<{ status: number; body: unknown }> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    for (const file of files)
      form.append('files', new Blob([file.text], { type: 'application/json' }), file.name);
    const response = await fetch(`${bed.baseUrl}/api/catalog/versions/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await bed.login(as)}` },
      body: form,
    });
    const body: unknown = await response.json();
    return { status: response.status, body };
  }

  const actions = async (query = '') =>
    (await bed.call<Action[]>('GET', `/api/audit/operator-actions?limit=1000${query}`, { as: 'admin' })).body;
  const refusals = async () =>
    (await bed.call<Refusal[]>('GET', '/api/audit/access-refusals?limit=1000', { as: 'admin' })).body;
  const candidate = { kind: 'candidate', effectiveFrom: '2030-01-01T00:00:00+08:00' };

  describe('the catalogue', () => {
    it('refuses an upload with a bad field, naming its file, entry and field, and stores nothing', async () => {
      const before = (await bed.call<Version[]>('GET', '/api/catalog/versions', { as: 'admin' })).body.length;
      let code = '';
      const answer = await upload(
        demoFiles((items) => {
          const item = items[2] as Record<string, unknown>;
          code = item.code as string;
          item.promisedDays = 'ten';
        }),
        candidate,
      );
      expect(answer.status).toBe(400);
      const body = answer.body as { message: string[]; problems: Problem[] };
      expect(body.message).toEqual([
        `items.json: entry 2 (code "${code}"): promisedDays: must be a number (got "ten")`,
      ]);
      expect(body.problems).toEqual([
        {
          file: 'items.json',
          entryIndex: 2,
          entryKey: { name: 'code', value: code },
          field: 'promisedDays',
          problem: 'must be a number (got "ten")',
          problemZh: '应为数字（实为 "ten"）',
        },
      ]);
      expect((await bed.call<Version[]>('GET', '/api/catalog/versions', { as: 'admin' })).body).toHaveLength(
        before,
      );
    });

    it('names a missing file and a file that is not JSON', async () => {
      const files = demoFiles()
        .filter((file) => file.name !== 'calendar.json')
        .map((file) => (file.name === 'fees.json' ? { ...file, text: '[{"code": ' } : file));
      const answer = await upload(files, candidate);
      expect(answer.status).toBe(400);
      expect((answer.body as { problems: Problem[] }).problems).toEqual([
        {
          file: 'fees.json',
          problem: expect.stringMatching(/^not valid JSON/) as unknown,
          problemZh: expect.stringMatching(/^不是有效的 JSON：/) as unknown,
        },
        { file: 'calendar.json', problem: 'file is missing in the upload', problemZh: '上传中缺少该文件' },
      ]);
      const none = await upload([], candidate);
      expect(none.status).toBe(400);
      expect(JSON.stringify(none.body)).toMatch(/files/);
    });

    it('stores the fixed upload as a candidate and publishes it with an effective instant, audited', async () => {
      const stored = await upload(demoFiles(), { ...candidate, note: 'fixed', basedOn: '1' });
      expect(stored.status).toBe(201);
      const created = stored.body as Version;
      expect(created).toMatchObject({ kind: 'candidate', basedOn: 1, authorUsername: 'admin' });

      const tooSoon = await bed.call<{ message: string }>(
        'POST',
        `/api/catalog/versions/${created.id}/publish`,
        {
          as: 'admin',
          body: { effectiveFrom: new Date(Date.now() + 10_000).toISOString() },
        },
      );
      expect(tooSoon.status).toBe(400);
      expect(tooSoon.body.message).toMatch(/^effectiveFrom: a published version takes effect at least 60 s/);

      const at = new Date(Math.ceil((Date.now() + 600_000) / 1000) * 1000).toISOString();
      const published = await bed.call<Version>('POST', `/api/catalog/versions/${created.id}/publish`, {
        as: 'admin',
        body: { effectiveFrom: at },
      });
      expect(published.status).toBe(200);
      expect(published.body).toMatchObject({ kind: 'published', basedOn: created.id, effectiveFrom: at });
      const again = await bed.call('POST', `/api/catalog/versions/${created.id}/publish`, {
        as: 'admin',
        body: { effectiveFrom: at },
      });
      expect(again.status).toBe(409);
      expect(
        (
          await bed.call('POST', '/api/catalog/versions/99999/publish', {
            as: 'admin',
            body: { effectiveFrom: at },
          })
        ).status,
      ).toBe(404);

      const catalogActions = await actions('&action=catalog&actor=admin');
      expect(catalogActions.map((a) => a.target)).toEqual(
        expect.arrayContaining([`catalog-version:${created.id}`, `catalog-version:${published.body.id}`]),
      );
      expect(catalogActions.every((a) => a.action.startsWith('catalog.') && a.at)).toBe(true);
    });

    it('refuses every other role the upload and the publication, and records it', async () => {
      for (const username of ['jiancha', 'shenji', 'officer-scjgj']) {
        expect([username, (await upload(demoFiles(), candidate, username)).status]).toEqual([username, 403]);
        const publish = await bed.call('POST', '/api/catalog/versions/1/publish', {
          as: username,
          body: { effectiveFrom: '2030-01-01T00:00:00Z' },
        });
        expect([username, publish.status]).toEqual([username, 403]);
      }
      const recorded = (await refusals()).filter((r) =>
        /\/api\/catalog\/versions\/(upload|1\/publish)/.test(r.target),
      );
      expect(recorded.map((r) => `${r.username} ${r.status}`).sort()).toEqual([
        'jiancha 403',
        'jiancha 403',
        'officer-scjgj 403',
        'officer-scjgj 403',
        'shenji 403',
        'shenji 403',
      ]);
    });
  });

  describe('users', () => {
    const findUser = async (username: string) =>
      (await bed.call<UserView[]>('GET', '/api/users', { as: 'admin' })).body.find(
        (u) => u.username === username,
      );
    const loginStatus = async (username: string, password: string) =>
      (await bed.call('POST', '/api/auth/login', { body: { username, password } })).status;

    it('creates an officer only for a department of the catalogue', async () => {
      const unknown = await bed.call<{ message: string[] }>('POST', '/api/users', {
        as: 'admin',
        body: {
          username: 'li.si',
          displayName: '李四',
          role: 'department_officer',
          departmentId: 'nowhere',
          password: 'a-long-password-1',
        },
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.message).toEqual(['departmentId: nowhere is not a department of the catalogue']);
      const created = await bed.call<UserView>('POST', '/api/users', {
        as: 'admin',
        body: {
          username: 'li.si',
          displayName: '李四',
          role: 'department_officer',
          departmentId: 'zjj',
          password: 'a-long-password-1',
        },
      });
      expect(created.status).toBe(201);
      expect(await loginStatus('li.si', 'a-long-password-1')).toBe(200);
    });

    it('changes role and department, resets the password, deactivates; each audited without the password', async () => {
      const user = (await findUser('li.si')) as UserView;
      const toAuditor = await bed.call<UserView>('PATCH', `/api/users/${user.id}`, {
        as: 'admin',
        body: { role: 'auditor' },
      });
      expect(toAuditor.status).toBe(200);
      expect(toAuditor.body).toMatchObject({ role: 'auditor', departmentId: null });
      const badDepartment = await bed.call('PATCH', `/api/users/${user.id}`, {
        as: 'admin',
        body: { role: 'department_officer', departmentId: null },
      });
      expect(badDepartment.status).toBe(400);
      expect((await bed.call('PATCH', `/api/users/${user.id}`, { as: 'admin', body: {} })).status).toBe(400);

      const reset = await bed.call<{ generatedPassword: string; user: UserView }>(
        'POST',
        `/api/users/${user.id}/reset-password`,
        { as: 'admin', body: {} },
      );
      expect(reset.status).toBe(200);
      expect(reset.body.generatedPassword).toMatch(/^[a-zA-Z2-9]{18}$/);
      expect(await loginStatus('li.si', 'a-long-password-1')).toBe(401);
      expect(await loginStatus('li.si', reset.body.generatedPassword)).toBe(200);
      const chosen = await bed.call('POST', `/api/users/${user.id}/reset-password`, {
        as: 'admin',
        body: { password: 'short' },
      });
      expect(chosen.status).toBe(400);

      expect(
        (await bed.call('PATCH', `/api/users/${user.id}`, { as: 'admin', body: { active: false } })).status,
      ).toBe(200);
      expect(await loginStatus('li.si', reset.body.generatedPassword)).toBe(401);

      const trail = (await actions('&target=user:li.si')).map((a) => [a.actorUsername, a.action, a.details]);
      expect(trail).toEqual([
        ['admin', 'user.deactivate', {}],
        ['admin', 'user.password-reset', {}],
        [
          'admin',
          'user.update',
          {
            from: { role: 'department_officer', departmentId: 'zjj' },
            to: { role: 'auditor', departmentId: null },
          },
        ],
        ['admin', 'user.create', { role: 'department_officer', departmentId: 'zjj' }],
      ]);
      expect(JSON.stringify(trail)).not.toContain(reset.body.generatedPassword);
    });

    it('keeps an administrator from deactivating or demoting themselves', async () => {
      const admin = (await findUser('admin')) as UserView;
      const answer = await bed.call<{ message: string }>('PATCH', `/api/users/${admin.id}`, {
        as: 'admin',
        body: { active: false },
      });
      expect(answer.status).toBe(409);
      expect(answer.body.message).toMatch(/yourself/);
      expect(
        (await bed.call('PATCH', `/api/users/${admin.id}`, { as: 'admin', body: { role: 'auditor' } }))
          .status,
      ).toBe(409);
    });

    it('refuses every other role and records it', async () => {
      const admin = (await findUser('admin')) as UserView;
      const officer = await bed.call('POST', `/api/users/${admin.id}/reset-password`, {
        as: 'officer-scjgj',
        body: {},
      });
      const supervisor = await bed.call('PATCH', `/api/users/${admin.id}`, {
        as: 'jiancha',
        body: { role: 'auditor' },
      });
      expect([officer.status, supervisor.status]).toEqual([403, 403]);
      const recorded = (await refusals()).filter((r) => r.target.startsWith(`/api/users/${admin.id}`));
      expect(recorded.map((r) => `${r.username} ${r.method} ${r.status}`).sort()).toEqual([
        'jiancha PATCH 403',
        'officer-scjgj POST 403',
      ]);
      expect(await loginStatus('admin', DEMO_PASSWORD)).toBe(200);
    });
  });

  describe('webhooks', () => {
    it('refuses a webhook for a department the catalogue does not list', async () => {
      const answer = await bed.call<{ message: string }>('PUT', '/api/departments/nowhere/webhook', {
        as: 'admin',
        body: { url: 'http://127.0.0.1:9/hook' },
      });
      expect(answer.status).toBe(400);
      expect(answer.body.message).toMatch(/nowhere is not a department/);
    });
  });

  describe('the operator audit', () => {
    it('narrows by action family, actor, target and Beijing days, and refuses bad days', async () => {
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      const users = await actions(`&action=user&actor=ADMIN&from=${today}&to=${today}`);
      expect(users.length).toBeGreaterThanOrEqual(4);
      expect(users.every((a) => a.action.startsWith('user.') && a.actorUsername === 'admin')).toBe(true);
      expect(await actions('&from=2001-01-01&to=2001-01-31')).toEqual([]);
      const exact = await actions('&action=user.create');
      expect(exact.every((a) => a.action === 'user.create')).toBe(true);
      const bad = await bed.call<{ message: string[] }>(
        'GET',
        '/api/audit/operator-actions?from=2026-02-30',
        { as: 'admin' },
      );
      expect(bad.status).toBe(400);
      const reversed = await bed.call<{ message: string[] }>(
        'GET',
        '/api/audit/operator-actions?from=2026-02-02&to=2026-02-01',
        {
          as: 'admin',
        },
      );
      expect(reversed.status).toBe(400);
      expect(reversed.body.message).toEqual(['to: 2026-02-01 is before from (2026-02-02)']);
      const unknown = await bed.call<{ message: string[] }>(
        'GET',
        '/api/audit/operator-actions?action=user.delete',
        { as: 'admin' },
      );
      expect(unknown.status).toBe(400);
      expect(unknown.body.message).toEqual([
        expect.stringMatching(
          /^action: not an action the audit records, nor a family of them \(user, catalog, .*notice\)$/,
        ),
      ]);
    });

    it('exports a filter as CSV and records the export', async () => {
      const response = await fetch(`${bed.baseUrl}/api/audit/operator-actions.csv?action=user&target=li.si`, {
        headers: { authorization: `Bearer ${await bed.login('admin')}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      // the byte-order mark Excel needs (response.text() would drop it)
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
      const lines = text.split('\r\n');
      expect(lines[0]).toBe('\uFEFFid,at,actor,role,address,action,target,details');
      expect(lines.slice(1, -1).map((line) => line.split(',')[5])).toEqual([
        'user.deactivate',
        'user.password-reset',
        'user.update',
        'user.create',
      ]);
      const [exported] = await actions('&action=audit.export');
      expect(exported).toMatchObject({
        actorUsername: 'admin',
        target: 'operator-actions',
        details: { filters: { action: 'user', target: 'li.si' }, rows: 4 },
      });
      expect((await bed.call('GET', '/api/audit/operator-actions.csv', { as: 'officer-scjgj' })).status).toBe(
        403,
      );
    });
  });
});
