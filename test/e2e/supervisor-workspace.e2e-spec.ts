// Done-when of issue 17, the supervisor's part, in a real browser: the pipeline and the console as
// processes, real Kafka and PostgreSQL, Debian's Chromium. The demo supervisor silences a rule and
// sees the marker on the wall for a signal under it, urges (催办) a signal, and closes one as a
// confirmed violation with a note (the page asks for confirmation; an empty note is refused by the
// page and by the server). The test makes no REST call for the job itself: it checks the outcome in
// the database. Other roles are refused the page and the actions, by the page and by the server,
// and each refusal is recorded. Also: full case ids, filters in the address, English that fits,
// YYYY-MM-DD dates. Saves docs/screenshots/workspace-supervisor.png and wall-en.png.
import path from 'node:path';
import {
  eventually,
  pageToken,
  SCREENSHOTS,
  shownAt,
  unauthorisedFeeCase,
  WallBed,
  WallPage,
} from './support/wall-bed';
import {
  createSilence,
  isCut,
  openSignal,
  openWorkspace,
  sendEmptyAction,
  streamRow,
} from './support/supervisor-steps';
import { unreadableButtons } from './support/button-labels';
import { cellsOffTheirRow } from './support/table-layout';

const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;

describe('the supervisor’s workspace', () => {
  const bed = new WallBed();
  let supervisor: WallPage;
  const console0 = () => bed.consoles[0]!;

  beforeAll(async () => {
    await bed.setUp(1);
    supervisor = await bed.openWall(console0(), 'jiancha');
  });

  afterAll(async () => {
    await bed.tearDown();
  });

  it('silences a rule on the silences page and sees the marker on the wall for a signal under it', async () => {
    const page = supervisor.page;
    const silenced = unauthorisedFeeCase('scjgj', 'XK-SCJG-003');
    const other = unauthorisedFeeCase('zjj', 'XK-ZJ-001');
    await bed.produce([silenced.submitted, other.submitted, silenced.accepted, other.accepted]);
    await bed.produce([silenced.fee, other.fee]);
    await shownAt(page, silenced.alertKey);
    await shownAt(page, other.alertKey);
    expect(await streamRow(page, silenced.alertKey).locator('[data-testid=silenced]').count()).toBe(0);

    await openWorkspace(page, 'silences');
    // the page refuses a silence without a reason, and sends nothing
    await createSilence(page, { departmentId: 'scjgj', ruleId: 'FEE_NOT_IN_CATALOG', reason: '   ' });
    await page.waitForSelector('[data-testid=silence-error]:has-text("请填写原因")');
    // …and one that matches nothing
    await createSilence(page, { reason: '系统检修' });
    await page.waitForSelector('[data-testid=silence-error]:has-text("请至少选择部门或规则之一")');
    expect(await bed.database.query('SELECT id FROM silences')).toEqual([]);

    const reason = '市场监管局收费系统升级，补报数据集中到达';
    await createSilence(page, {
      departmentId: 'scjgj',
      ruleId: 'FEE_NOT_IN_CATALOG',
      reason,
      preset: '1 天',
    });
    const row = page.locator('[data-testid=silence-list] tbody tr', { hasText: reason });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.locator('[data-field=createdBy]').textContent()).toBe('jiancha');
    expect(await row.locator('[data-field=until]').textContent()).toMatch(DATE_TIME);
    expect(await row.locator('[data-field=matcher]').textContent()).toBe('市市场监督管理局 · 擅自收费');
    const [stored] = await bed.database.query<{ id: string; created_by_username: string }>(
      `SELECT id, created_by_username FROM silences WHERE reason = $1`,
      [reason],
    );
    expect(stored?.created_by_username).toBe('jiancha');
    const [audited] = await bed.database.query<{ action: string }>(
      `SELECT action FROM operator_audit WHERE target = $1`,
      [`silence:${stored?.id}`],
    );
    expect(audited?.action).toBe('silence.create');

    await openWorkspace(page, 'wall');
    const marker = streamRow(page, silenced.alertKey).locator('[data-testid=silenced]');
    await marker.waitFor({ timeout: 10_000 });
    expect(await marker.getAttribute('title')).toContain(reason);
    expect(await streamRow(page, other.alertKey).locator('[data-testid=silenced]').count()).toBe(0);
    // a signal raised live under the silence is marked as it arrives
    const later = await bed.raiseFeeSignal('scjgj', 'XK-SCJG-003');
    await streamRow(page, later.alertKey).locator('[data-testid=silenced]').waitFor({ timeout: 10_000 });
  });

  it('ends a silence early from the page, after a confirmation', async () => {
    const page = supervisor.page;
    await openWorkspace(page, 'silences');
    const reason = '临时静默，稍后提前结束';
    await createSilence(page, { ruleId: 'FEE_NOT_IN_CATALOG', reason, preset: '1 小时' });
    const row = page.locator('[data-testid=silence-list] tbody tr', { hasText: reason });
    await row.waitFor();
    expect(await cellsOffTheirRow(page, '[data-testid=silence-list] tbody tr')).toEqual([]);
    await row.locator('button[data-action=expire]').click();
    await row.locator('button[data-action=expire-yes]').click();
    await eventually('the silence ended early', async () => {
      const [found] = await bed.database.query<{ expired_by_username: string | null }>(
        `SELECT expired_by_username FROM silences WHERE reason = $1`,
        [reason],
      );
      return found?.expired_by_username === 'jiancha' ? true : undefined;
    });
    await page.locator('input[name=showAll]').check();
    await page
      .locator('[data-testid=silence-list] tbody tr', { hasText: reason })
      .locator('text=已由 jiancha 于')
      .waitFor({ timeout: 10_000 });
    await openWorkspace(page, 'wall');
  });

  it('urges (催办) an unanswered signal: recorded, the department told, 催办 ×1 on the wall', async () => {
    const page = supervisor.page;
    const feeCase = await bed.raiseFeeSignal('zjj', 'XK-ZJ-001');
    const item = await openSignal(page, feeCase.alertKey);
    // an urge without a text is refused by the page
    await sendEmptyAction(item, 'urge');
    await item.locator('textarea').fill('请于今日内签收并说明情况');
    await item.locator('.action-form button.primary').click();
    await streamRow(page, feeCase.alertKey).locator('[data-testid=urged]:has-text("催办 ×1")').waitFor({
      timeout: 10_000,
    });
    await item.locator('[data-testid=urge-count]:has-text("催办 ×1")').waitFor({ timeout: 10_000 });
    const trail = await bed.database.query<{ action: string; actor_username: string; text: string }>(
      `SELECT action, actor_username, text FROM signal_transitions WHERE alert_key = $1 AND action = 'urge'`,
      [feeCase.alertKey],
    );
    expect(trail).toEqual([{ action: 'urge', actor_username: 'jiancha', text: '请于今日内签收并说明情况' }]);
    await eventually('the urge in the department’s notifications', async () => {
      const [found] = await bed.database.query<{ department_id: string }>(
        `SELECT department_id FROM notification_items WHERE alert_key = $1 AND kind = 'urged'`,
        [feeCase.alertKey],
      );
      return found?.department_id === 'zjj' ? true : undefined;
    });
    expect(
      (
        await bed.database.query<{ status: string }>(`SELECT status FROM signals WHERE alert_key = $1`, [
          feeCase.alertKey,
        ])
      )[0]?.status,
    ).toBe('open');
    // the full case id in the panel, and its item as the catalogue names it
    expect(await page.locator('[data-testid=case-title]').textContent()).toBe(feeCase.caseId);
    expect(await page.locator('.facts .fact strong').first().textContent()).toBe(
      '建筑工程施工许可证核发（XK-ZJ-001）',
    );
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'workspace-supervisor.png') });
    await page.keyboard.press('Escape');
  });

  it('closes a signal as a confirmed violation only with a note and after a confirmation', async () => {
    const page = supervisor.page;
    const feeCase = await bed.raiseFeeSignal('zjj', 'XK-ZJ-001');
    const item = await openSignal(page, feeCase.alertKey);
    // an empty note: the page refuses and sends nothing
    await sendEmptyAction(item, 'confirm', '确认违规并销号须填写认定意见');
    expect(await item.locator('[data-testid=confirm-violation]').count()).toBe(0);
    // …and the server refuses it too, naming the field (the page's request, with its token)
    const refusedAnswer = await fetch(
      `${console0().url}/api/signals/${encodeURIComponent(feeCase.alertKey)}/close`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${await pageToken(page)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ verdict: 'violation_confirmed', text: '  ' }),
      },
    );
    const refused = {
      status: refusedAnswer.status,
      message: ((await refusedAnswer.json()) as { message: unknown }).message,
    };
    expect(refused.status).toBe(400);
    expect(String(refused.message)).toMatch(/^text: /);
    const statusOf = async () =>
      (
        await bed.database.query<{ status: string }>(`SELECT status FROM signals WHERE alert_key = $1`, [
          feeCase.alertKey,
        ])
      )[0]?.status;
    expect(await statusOf()).toBe('open');

    const note = '收费项目不在目录内且逾期未作说明，确认违规';
    await item.locator('textarea').fill(note);
    await item.locator('.action-form button.primary').click();
    const confirmation = item.locator('[data-testid=confirm-violation]');
    await confirmation.waitFor();
    expect(await confirmation.textContent()).toContain(feeCase.caseId);
    expect(await unreadableButtons(page, '[data-testid=confirm-violation] button')).toEqual([]);
    expect(await statusOf()).toBe('open'); // nothing sent before the confirmation
    await confirmation.locator('button[data-action=confirm-yes]').click();
    await page.waitForSelector(
      `[data-testid=stream] li[data-key="${feeCase.alertKey}"][data-status=closed]`,
      { timeout: 10_000 },
    );
    const [closed] = await bed.database.query<{ verdict: string; text: string; actor_username: string }>(
      `SELECT verdict, text, actor_username FROM signal_transitions WHERE alert_key = $1 AND action = 'close'`,
      [feeCase.alertKey],
    );
    expect(closed).toEqual({ verdict: 'violation_confirmed', text: note, actor_username: 'jiancha' });
    await page.keyboard.press('Escape');
  });

  it('shows full case ids in the stream at 1920 px, with the id on hover', async () => {
    const page = supervisor.page;
    const rows = page.locator('[data-testid=stream] li:not([hidden]) [data-testid=case-id]');
    expect(await rows.count()).toBeGreaterThan(3);
    expect(await isCut(page, '[data-testid=stream] li:not([hidden]) [data-testid=case-id]')).not.toContain(
      true,
    );
    const first = rows.first();
    expect(await first.getAttribute('title')).toBe(await first.textContent());
    const times = await page.locator('[data-testid=stream] li:not([hidden]) time').allTextContents();
    for (const time of times) expect(time).toMatch(DATE_TIME);
  });

  it('keeps the wall’s filters in the address', async () => {
    const page = supervisor.page;
    await page.locator('select[data-filter=level]').selectOption('red');
    await page.locator('select[data-filter=departmentId]').selectOption('zjj');
    await page.waitForFunction(`location.hash.includes('level=red') && location.hash.includes('dept=zjj')`);
    await page.reload();
    await page.waitForSelector('[data-testid=connection].live', { timeout: 30_000 });
    expect(await page.locator('select[data-filter=level]').inputValue()).toBe('red');
    expect(await page.locator('select[data-filter=departmentId]').inputValue()).toBe('zjj');
    await page.waitForFunction(
      `document.querySelectorAll('[data-testid=stream] li:not([hidden])').length > 0`,
    );
    const departments = await page.evaluate<string[]>(
      `Array.from(document.querySelectorAll('[data-testid=stream] li:not([hidden])'), (e) => e.dataset.key.split('-')[1])`,
    );
    expect(new Set(departments)).toEqual(new Set(['ZJJ']));
    await page.getByRole('button', { name: '清除筛选' }).click();
    await page.waitForFunction(`location.hash === '#wall'`);
  });

  it.each([
    { width: 1920, height: 1080 },
    { width: 1366, height: 768 },
  ])(
    'fits the wall in English at $width×$height: level badges and the board uncut, dates YYYY-MM-DD',
    async (viewport) => {
      const page = supervisor.page;
      await page.setViewportSize(viewport);
      if ((await page.locator('html').getAttribute('lang')) !== 'en') {
        await page.getByRole('button', { name: 'English' }).click();
        await page.waitForSelector('[data-testid=connection].live', { timeout: 30_000 });
      }
      await page.waitForFunction(`document.querySelectorAll('[data-testid=board] tbody tr').length > 0`);
      await page.waitForFunction(
        `document.querySelectorAll('[data-testid=stream] li:not([hidden])').length > 0`,
      );
      const badges = await page.locator('[data-testid=stream] li:not([hidden]) .badge').allTextContents();
      expect(new Set(badges).size).toBeGreaterThan(0);
      for (const badge of badges) expect(['Red', 'Yellow', 'Warning']).toContain(badge);
      expect(await isCut(page, '[data-testid=stream] li:not([hidden]) .badge')).not.toContain(true);
      expect(await isCut(page, '[data-testid=stream] li:not([hidden]) [data-testid=case-id]')).not.toContain(
        true,
      );
      // the board's last column inside its panel
      const board = await page.evaluate<{
        table: number;
        panel: number;
        lastRight: number;
        panelRight: number;
      }>(`(() => {
      const table = document.querySelector('[data-testid=board]');
      const panel = table.closest('.panel') ?? table.parentElement;
      const last = table.querySelector('thead th:last-child').getBoundingClientRect();
      return { table: table.scrollWidth, panel: panel.clientWidth, lastRight: last.right, panelRight: panel.getBoundingClientRect().right };
    })()`);
      expect(board.lastRight).toBeLessThanOrEqual(board.panelRight);
      const times = await page.locator('[data-testid=stream] li:not([hidden]) time').allTextContents();
      for (const time of times) expect(time).toMatch(DATE_TIME);
      // rule titles in English
      const rules = await page
        .locator('[data-testid=stream] li:not([hidden]) .what strong')
        .allTextContents();
      expect(rules).toContain('Unauthorised fee');
      if (viewport.width === 1920) {
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(SCREENSHOTS, 'wall-en.png') });
      }
    },
  );

  it('refuses another role the silences page and the supervisor’s actions, on the page and on the server, recorded', async () => {
    const officer = await bed.openWall(console0(), 'officer-scjgj', { width: 1440, height: 900 });
    const page = officer.page;
    expect(await page.locator('[data-testid=nav-silences]').count()).toBe(0);
    await page.evaluate(`location.hash = '#silences'`);
    await page.waitForSelector('[data-testid=refusal]');
    const token = await pageToken(page);
    const answer = await fetch(`${console0().url}/api/silences`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        departmentId: 'scjgj',
        reason: '自己静默',
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    });
    expect(answer.status).toBe(403);
    // no 催办 in an officer's panel; the server refuses it and records the refusal
    await page.evaluate(`location.hash = '#wall'`);
    await page.waitForSelector('[data-testid=connection].live', { timeout: 30_000 });
    const feeCase = await bed.raiseFeeSignal('scjgj', 'XK-SCJG-003');
    const item = await openSignal(page, feeCase.alertKey);
    expect(await item.locator('button[data-action=urge]').count()).toBe(0);
    expect(await item.locator('button[data-action=confirm]').count()).toBe(0);
    const urged = await fetch(`${console0().url}/api/signals/${encodeURIComponent(feeCase.alertKey)}/urge`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: '自己催自己' }),
    });
    expect(urged.status).toBe(403);
    const refusals = await bed.database.query<{ target: string; status: number }>(
      `SELECT target, status FROM access_refusals WHERE username = 'officer-scjgj' ORDER BY id`,
    );
    expect(refusals.map((r) => r.status)).toEqual([403, 403]);
    expect(refusals[0]?.target).toContain('/api/silences');
    expect(refusals[1]?.target).toContain('/urge');
  });

  it('logs no console errors', () => {
    expect(supervisor.errors.map((e) => e.text)).toEqual([]);
  });
});
