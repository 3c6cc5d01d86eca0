// Done-when of 部门待办 (issue 17), in a real browser: the pipeline and a console as processes, real
// Kafka and PostgreSQL, Debian's Chromium through playwright-core. A demo officer logs in, sees only
// their department's open signals ordered by 督办 deadline with the time left, acknowledges (签收)
// several in one batch and answers (整改) one with an attachment, all through the page: the test
// makes no REST call for the job, it reads the database to check what was recorded. A file the
// server refuses is shown refused, naming it. Saves docs/screenshots/workspace-officer.png.
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { SCREENSHOTS, unauthorisedFeeCase, WallBed, type FeeCase } from './support/wall-bed';
import {
  draftAnswer,
  openTodo,
  refreshUntilListed,
  todoRows,
  type OfficerPage,
} from './support/officer-workspace';
import { cellsOffTheirRow } from './support/table-layout';

/** The width of a ’ in the page's body text, in ems. */
const apostropheWidth = (page: OfficerPage['page']): Promise<number> =>
  page.evaluate(`(() => {
    const probe = document.createElement('span');
    probe.textContent = '’';
    document.body.append(probe);
    const width = probe.getBoundingClientRect().width / parseFloat(getComputedStyle(probe).fontSize);
    probe.remove();
    return width;
  })()`);

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

interface TransitionRow {
  alert_key: string;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_username: string;
  text: string | null;
}

describe('部门待办: the department officer’s workspace', () => {
  const bed = new WallBed();
  let officer: OfficerPage;
  const own: FeeCase[] = [];
  let other: FeeCase;

  beforeAll(async () => {
    await bed.setUp(1);
    // four red signals of 市场监管局 (scjgj) a few seconds apart (different deadlines), one of 住建局
    const now = Date.now();
    for (let i = 0; i < 4; i += 1) own.push(unauthorisedFeeCase('scjgj', 'XK-SCJG-003', now - i * 60_000));
    other = unauthorisedFeeCase('zjj', 'XK-ZJ-001', now);
    const all = [...own, other];
    await bed.produce(all.flatMap((c) => [c.submitted, c.accepted]));
    await bed.produce(all.map((c) => c.fee));
    officer = await openTodo(bed, bed.consoles[0]!.url, 'officer-scjgj');
  });

  afterAll(async () => {
    await bed.tearDown();
  });

  const transitions = (alertKey: string) =>
    bed.database.query<TransitionRow>(
      `SELECT alert_key, action, from_status, to_status, actor_username, text FROM signal_transitions
        WHERE alert_key = $1 ORDER BY id`,
      [alertKey],
    );

  it('lists only the department’s open signals, nearest 督办 deadline first, with the time left', async () => {
    const { page } = officer;
    await refreshUntilListed(
      page,
      own.map((c) => c.alertKey),
    );
    const rows = await todoRows(page);
    expect(rows.map((r) => r.key).sort()).toEqual(own.map((c) => c.alertKey).sort());
    expect(await page.locator(`[data-key="${other.alertKey}"]`).count()).toBe(0);
    expect(rows.every((r) => r.status === 'open')).toBe(true);
    // deadlines as YYYY-MM-DD HH:mm, in order, each with the time left (red: 3 working days)
    const dues = rows.map((r) => r.due ?? '');
    for (const due of dues) expect(due).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect([...dues].sort()).toEqual(dues);
    for (const row of rows) expect(row.left).toMatch(/^剩余 \d+ 天/);
    // every cell, the one holding the row's button included, lines up with its row's borders
    expect(await cellsOffTheirRow(page, 'tr.todo-row')).toEqual([]);
  });

  it('acknowledges (签收) several signals in one batch, showing progress and the result', async () => {
    const { page } = officer;
    const batch = own.slice(0, 3);
    for (const c of batch) await page.check(`tr.todo-row[data-key="${c.alertKey}"] input[data-select]`);
    await expect(page.locator('[data-testid=todo-batch-acknowledge]').textContent()).resolves.toBe(
      '批量签收（3）',
    );
    await page.click('[data-testid=todo-batch-acknowledge]');
    await page.waitForSelector('[data-testid=todo-status]:has-text("已签收 3 条信号")', { timeout: 20_000 });
    for (const c of batch)
      await page.waitForSelector(`tr.todo-row[data-key="${c.alertKey}"][data-status=acknowledged]`);
    await page.waitForSelector(`tr.todo-row[data-key="${own[3]!.alertKey}"][data-status=open]`);
    // recorded by the lifecycle: who, from which state
    for (const c of batch)
      expect((await transitions(c.alertKey)).filter((t) => t.action === 'acknowledge')).toEqual([
        expect.objectContaining({
          from_status: 'open',
          to_status: 'acknowledged',
          actor_username: 'officer-scjgj',
        }),
      ]);
    expect(await transitions(own[3]!.alertKey)).not.toContainEqual(
      expect.objectContaining({ action: 'acknowledge' }),
    );
  });

  it('refuses a file that is not what its name says, naming it, and answers nothing', async () => {
    const { page } = officer;
    const target = own[1]!;
    const form = await draftAnswer(page, target.alertKey, {
      text: '情况说明',
      file: { name: '说明.pdf', buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100, 0x90)]) },
    });
    await form.locator('button[data-action=submit-answer]').click();
    await form.locator('[data-testid=answer-error]:not(:empty)').waitFor({ timeout: 10_000 });
    await expect(form.locator('[data-testid=answer-error]').textContent()).resolves.toBe(
      '附件 说明.pdf 未上传：说明.pdf: the content is not an allowed type; allowed: PDF, PNG, JPEG, Word (DOCX), Excel (XLSX) or UTF-8 text',
    );
    expect(await bed.database.count('signal_attachments')).toBe(0);
    expect((await transitions(target.alertKey)).map((t) => t.action)).not.toContain('respond');
    await form.locator('button.ghost').click(); // 取消
  });

  it('answers (整改) one signal with an attachment; the answer and the file are shown and recorded', async () => {
    const { page } = officer;
    const target = own[0]!;
    const form = await draftAnswer(page, target.alertKey, {
      kind: 'correction',
      text: '收费项目录入错误，已按目录重新核定并退还多收款项，附退费凭证。',
      file: { name: '退费凭证.pdf', buffer: PDF },
    });
    await form.locator('button[data-action=submit-answer]').click();
    await page.waitForSelector(`[data-testid=todo-status]:has-text("已答复 ${target.caseId}（附件 1 个）")`, {
      timeout: 20_000,
    });
    // gone from the to-do, shown among the answered with its file
    expect(await page.locator(`tr.todo-row[data-key="${target.alertKey}"]`).count()).toBe(0);
    const answered = page.locator(`[data-testid=todo-answered] li[data-key="${target.alertKey}"]`);
    await answered.locator('.attachments .filename:has-text("退费凭证.pdf")').waitFor();
    await expect(answered.locator('.answer-text').textContent()).resolves.toBe(
      '整改：收费项目录入错误，已按目录重新核定并退还多收款项，附退费凭证。',
    );
    // recorded: 签收, the attachment, the answer, each with who
    expect(
      (await transitions(target.alertKey)).map((t) => [
        t.action,
        t.from_status,
        t.to_status,
        t.actor_username,
      ]),
    ).toEqual([
      ['raise', null, 'open', 'system'],
      ['acknowledge', 'open', 'acknowledged', 'officer-scjgj'],
      ['attach', 'acknowledged', 'acknowledged', 'officer-scjgj'],
      ['respond', 'acknowledged', 'responded', 'officer-scjgj'],
    ]);
    const [stored] = await bed.database.query<{ filename: string; kind: string; content: Buffer }>(
      `SELECT filename, kind, content FROM signal_attachments WHERE alert_key = $1`,
      [target.alertKey],
    );
    expect(stored?.filename).toBe('退费凭证.pdf');
    expect(stored?.kind).toBe('pdf');
    expect(stored?.content.equals(PDF)).toBe(true);

    // the file downloads as a file with its name and bytes
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      answered.locator('.attachments button').first().click(),
    ]);
    expect(download.suggestedFilename()).toBe('退费凭证.pdf');
    expect((await readFile(await download.path())).equals(PDF)).toBe(true);

    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'workspace-officer.png'), fullPage: true });
  });

  it('speaks English on the toggle, and logged no error but the refused upload', async () => {
    const { page, errors } = officer;
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForSelector('[data-testid=todo] h1:has-text("To-do")');
    await page.waitForSelector(
      '[data-testid=todo-signals] h2:text-is("Open signals (by answer deadline) · 3")',
    );
    await page.waitForSelector('[data-testid=todo-batch-acknowledge]:text-is("Acknowledge selected (0)")');
    // an apostrophe is a Latin one in English ("department’s"), a full-width one in Chinese
    expect(await apostropheWidth(page)).toBeLessThan(0.5);
    await page.getByRole('button', { name: '中文' }).click();
    await page.waitForSelector('[data-testid=todo] h1:has-text("部门待办")');
    expect(await apostropheWidth(page)).toBeGreaterThan(0.8);
    const unexpected = errors.filter((e) => !/status of 400/.test(e.text)).map((e) => e.text);
    expect(unexpected).toEqual([]);
  });
});
