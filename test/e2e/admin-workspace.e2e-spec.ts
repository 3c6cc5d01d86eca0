// Done-when of issue 17 for 后台管理, in a real browser: the pipeline and the console as processes,
// real Kafka and PostgreSQL, Debian's Chromium through playwright-core. The demo administrator,
// through the page only, creates a user, uploads a candidate catalogue with one bad field (the page
// names file, entry and field), fixes it and publishes it. Another role is refused the page, and
// the server refuses and records its attempt. Saves docs/screenshots/workspace-admin.png.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { unreadableButtons } from './support/button-labels';
import { cellsOffTheirRow } from './support/table-layout';
import { adminTabReady, catalogDirectory, loginAt } from './support/admin-page';
import { attributeValues, type PageError, SCREENSHOTS, WallBed } from './support/wall-bed';

describe('the administrator’s workspace (后台管理)', () => {
  const bed = new WallBed();
  let page: Page;
  let errors: PageError[];

  beforeAll(async () => {
    await bed.setUp(1);
    ({ page, errors } = await loginAt(bed, bed.consoles[0]!, 'admin', '#admin'));
    await adminTabReady(page, 'users');
  });

  afterAll(async () => {
    await bed.tearDown();
  });

  it('creates a department officer through the page, recorded in the operator audit', async () => {
    // five tabs, no two named alike (回调与通道 beside 通知渠道 read as the same thing)
    await expect(page.locator('.admin-tabs a').allTextContents()).resolves.toEqual([
      '用户',
      '事项目录',
      '部门回调',
      '通知渠道',
      '操作审计',
    ]);
    await page.fill('[data-testid=user-username]', 'wang.wu');
    await page.fill('[data-testid=user-display-name]', '王五');
    await page.selectOption('[data-testid=user-role]', 'department_officer');
    await page.selectOption('[data-testid=user-department]', 'zjj');
    await page.fill('[data-testid=user-password]', 'wang-wu-initial-password');
    await page.click('[data-testid=user-create]');
    const row = page.locator('[data-testid=users] tr[data-username="wang.wu"]');
    await row.waitFor({ timeout: 10_000 });
    await expect(row.locator('td').nth(3).textContent()).resolves.toBe('市住房和城乡建设局');
    await expect(page.locator('[data-testid=admin-notice]').textContent()).resolves.toBe(
      '已创建用户 wang.wu',
    );
    const [stored] = await bed.database.query<{ role: string; department_id: string; active: boolean }>(
      `SELECT role, department_id, active FROM users WHERE username = 'wang.wu'`,
    );
    expect(stored).toEqual({ role: 'department_officer', department_id: 'zjj', active: true });
    const audit = await bed.database.query<{ actor_username: string; action: string }>(
      `SELECT actor_username, action FROM operator_audit WHERE target = 'user:wang.wu'`,
    );
    expect(audit).toEqual([{ actor_username: 'admin', action: 'user.create' }]);
    // the page does not offer the administrator to deactivate themselves (the server refuses it too)
    await expect(
      page.locator('[data-testid=users] tr[data-username="admin"] [data-testid=user-toggle]').isDisabled(),
    ).resolves.toBe(true);
    // every row's buttons say what they do, 停用 (red) included, in a cell that spans its row
    expect(await unreadableButtons(page, '[data-testid=users] button')).toEqual([]);
    expect(await cellsOffTheirRow(page, '[data-testid=users] tbody tr')).toEqual([]);
  });

  it('uploads a candidate with one bad field: the page names file, entry and field, and nothing is stored', async () => {
    await page.click('[data-testid=admin-tab-catalog]');
    await adminTabReady(page, 'catalog');
    await page.waitForSelector('[data-testid=browse-items] tr[data-code]');
    let code = '';
    const bad = catalogDirectory((items) => {
      const item = items[3] as Record<string, unknown>;
      code = String(item.code);
      item.promisedDays = 'ten';
    });
    await page.setInputFiles('[data-testid=catalog-files]', bad);
    await page.click('[data-testid=catalog-upload]');
    const problem = page.locator('[data-testid=catalog-problem-rows] tbody tr');
    await problem.first().waitFor({ timeout: 10_000 });
    await expect(problem.count()).resolves.toBe(1);
    await expect(problem.locator('td').allTextContents()).resolves.toEqual([
      'items.json',
      `3 (code "${code}")`,
      'promisedDays',
      '应为数字（实为 "ten"）',
    ]);
    await expect(page.locator('[data-testid=admin-notice]').getAttribute('data-kind')).resolves.toBe('error');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'workspace-admin.png'), fullPage: false });
    expect(await bed.database.count('catalog_versions')).toBe(1);
  });

  it('uploads the fixed catalogue as a candidate and publishes it with an effective instant', async () => {
    await page.setInputFiles('[data-testid=catalog-files]', catalogDirectory());
    await page.fill('[data-testid=catalog-note]', '修正 promisedDays');
    await page.click('[data-testid=catalog-upload]');
    await page.waitForSelector('[data-testid=catalog-versions] tr[data-version="2"][data-kind=candidate]', {
      timeout: 10_000,
    });
    await expect(page.locator('[data-testid=catalog-problem-rows]').count()).resolves.toBe(0);
    expect(await cellsOffTheirRow(page, '[data-testid=catalog-versions] tr[data-version]')).toEqual([]);
    // the form opens for the new candidate, five minutes ahead by default, written as the office does
    const proposed = await page.inputValue('[data-testid=publish-at]');
    expect(proposed).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await page.click('[data-testid=publish-confirm]');
    await page.waitForSelector('[data-testid=catalog-versions] tr[data-version="3"][data-kind=published]', {
      timeout: 10_000,
    });
    const versions = await bed.database.query<{
      id: number;
      kind: string;
      based_on: number | null;
      effective_from: Date;
      author_username: string;
    }>(`SELECT id, kind, based_on, effective_from, author_username FROM catalog_versions ORDER BY id`);
    expect(versions.map((v) => [v.id, v.kind, v.based_on, v.author_username])).toEqual([
      [1, 'published', null, 'system'],
      [2, 'candidate', 1, 'admin'],
      [3, 'published', 2, 'admin'],
    ]);
    // what the page proposed, read as Beijing time
    expect(versions[2]?.effective_from.toISOString()).toBe(
      new Date(`${proposed.replace(' ', 'T')}:00+08:00`).toISOString(),
    );
    expect(versions[2]!.effective_from.getTime()).toBeGreaterThan(Date.now() + 60_000);
    const audit = await bed.database.query<{ actor_username: string; action: string; target: string }>(
      `SELECT actor_username, action, target FROM operator_audit WHERE action = 'catalog.create' ORDER BY id`,
    );
    expect(audit).toEqual([
      { actor_username: 'admin', action: 'catalog.create', target: 'catalog-version:2' },
      { actor_username: 'admin', action: 'catalog.create', target: 'catalog-version:3' },
    ]);
  });

  it('shows the audit of those actions on its own tab', async () => {
    await page.click('[data-testid=admin-tab-audit]');
    await adminTabReady(page, 'audit');
    await page.selectOption('[data-testid=audit-action]', 'catalog');
    await page.fill('[data-testid=audit-actor]', 'admin'); // not the seed of version 1 (system)
    // days read YYYY-MM-DD whatever the browser's locale; another format is refused, in Chinese
    await page.fill('[data-testid=audit-from]', '12/07/2026');
    await expect(
      page.evaluate(`document.querySelector('[data-testid=audit-from]').validationMessage`),
    ).resolves.toBe('请按 YYYY-MM-DD 填写，例如 2026-12-07');
    // what the calendar picks is written as YYYY-MM-DD: today, in Beijing
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    await page.locator('[data-testid=audit-from] ~ input.date-picker-proxy').fill(today);
    await expect(page.inputValue('[data-testid=audit-from]')).resolves.toBe(today);
    await page.fill('[data-testid=audit-to]', today);
    await page.click('[data-testid=audit-search]');
    await page.waitForFunction(
      `document.querySelectorAll('[data-testid=audit-rows] tbody tr').length === 2`,
      undefined,
      { timeout: 10_000 },
    );
    await expect(attributeValues(page, '[data-testid=audit-rows] tbody tr', 'data-target')).resolves.toEqual([
      'catalog-version:3',
      'catalog-version:2',
    ]);
    // the actions read in Chinese, the recorded code on hover; the filter offers every family
    await expect(
      page.locator('[data-testid=audit-rows] tbody tr td:nth-child(5)').allTextContents(),
    ).resolves.toEqual(['目录新版本', '目录新版本']);
    await expect(
      page.locator('[data-testid=audit-rows] tbody tr td:nth-child(5)').first().getAttribute('title'),
    ).resolves.toBe('catalog.create');
    const families = await page.locator('[data-testid=audit-action] option').allTextContents();
    expect(families).toEqual(
      expect.arrayContaining(['用户', '事项目录', '部门通知设置', '群机器人', '监察文书']),
    );
  });

  it('refuses the page to a supervisor; the server refuses their upload and records it', async () => {
    const supervisor = await loginAt(bed, bed.consoles[0]!, 'jiancha', '#admin');
    await supervisor.page.waitForSelector('[data-testid=refusal]', { timeout: 10_000 });
    await expect(supervisor.page.locator('[data-testid=nav-admin]').count()).resolves.toBe(0);
    const token = await bed.loginToken(bed.consoles[0]!, 'jiancha');
    const form = new FormData();
    form.append('kind', 'candidate');
    form.append('effectiveFrom', '2030-01-01T00:00:00Z');
    const answer = await fetch(`${bed.consoles[0]!.url}/api/catalog/versions/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(answer.status).toBe(403);
    const recorded = await bed.database.query<{ username: string; status: number }>(
      `SELECT username, status FROM access_refusals WHERE target = '/api/catalog/versions/upload'`,
    );
    expect(recorded).toEqual([{ username: 'jiancha', status: 403 }]);
    // the browser logs the refused bad upload (400); nothing else
    expect(errors.map((e) => e.text).filter((text) => !/status of 400/.test(text))).toEqual([]);
  });
});
