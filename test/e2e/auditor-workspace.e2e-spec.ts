// The auditor's workspace (审计回放, issue 17) in a real browser: the pipeline and a console as
// processes, real Kafka and PostgreSQL, Debian's Chromium through playwright-core. A month of the
// simulator's traffic goes through the pipeline; the administrator stores a candidate catalogue
// that shortens one item's promised time limit (set-up, over REST: another workspace's job). The
// demo auditor then, only through the page, replays the month with the candidate, follows the
// progress bar, finds the differences the candidate planted in the diff table (all of that item,
// as the API's diff says), filters them and drills into a case's timeline; compares the two
// catalogues in the what-if view; searches a case. Other roles are refused, by the page and the
// server. Saves docs/screenshots/workspace-auditor.png.
import path from 'node:path';
import { loadCatalogDirectorySync } from '@app/catalog';
import { CATALOG_DIR } from '../support/system-bed';
import { call, shorterLimitCandidate } from './support/auditor-setup';
import { cellsOffTheirRow } from './support/table-layout';
import { recentTraffic } from './support/traffic';
import { eventually, SCREENSHOTS, WallBed, type ConsoleProcess, type WallPage } from './support/wall-bed';

/** The item whose promised time limit the candidate shortens (食品经营许可, 10 → 5 working days). */
const CHANGED_ITEM = 'XK-SCJG-001';

interface DiffRowView {
  alertKey: string;
  kind: string;
  replay: { caseId: string; itemCode: string } | null;
  live: { caseId: string; itemCode: string } | null;
}

/** An attribute of every element a selector matches, in document order. */
function attributes(page: WallPage['page'], selector: string, attribute: string): Promise<string[]> {
  return page.evaluate<string[]>(
    `Array.from(document.querySelectorAll(${JSON.stringify(selector)}), (e) => e.getAttribute(${JSON.stringify(attribute)}) ?? '')`,
  );
}

describe('the auditor workspace in the browser', () => {
  const bed = new WallBed();
  let instance: ConsoleProcess;
  let auditor: WallPage;
  let candidateId: number;
  let candidateRunId: string;

  beforeAll(async () => {
    await bed.setUp(1);
    const first = bed.consoles[0];
    if (!first) throw new Error('no console');
    instance = first;
    await bed.flushBacklog(
      recentTraffic(Date.now(), { cases: 320, days: 30, seed: 17, irregularShare: 0.25 }).events,
    );
    await eventually('every signal to be registered', async () =>
      (await bed.database.count('signals', 'recorded_status IS DISTINCT FROM status')) === 0
        ? true
        : undefined,
    );
    candidateId = await shorterLimitCandidate(
      instance,
      await bed.loginToken(instance, 'admin'),
      CHANGED_ITEM,
      5,
    );
    auditor = await bed.openWall(instance, 'shenji');
  });

  afterAll(async () => {
    await bed.tearDown();
  });

  it('replays the month with the candidate from the page and shows the differences it planted', async () => {
    const { page } = auditor;
    await page.click('[data-testid=nav-replay]');
    await page.waitForSelector('[data-testid=replay][data-ready]');
    // the form: last 30 days (its default), every department, the candidate
    const options = await attributes(page, '[data-testid=replay-catalog] option', 'value');
    expect(options).toContain(String(candidateId));
    await page.selectOption('[data-testid=replay-catalog]', String(candidateId));
    // the window's days read YYYY-MM-DD; a day that does not exist is refused, in Chinese
    const firstDay = await page.inputValue('[data-testid=replay-from]');
    expect(firstDay).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await page.fill('[data-testid=replay-from]', '2026-02-30');
    await expect(
      page.evaluate(`document.querySelector('[data-testid=replay-from]').validationMessage`),
    ).resolves.toBe('请按 YYYY-MM-DD 填写，例如 2026-12-07');
    await page.fill('[data-testid=replay-from]', firstDay);
    await page.click('[data-testid=replay-start]');

    // the progress bar shows, then the result
    await page.waitForSelector('[data-testid=replay-progress]:not([hidden])');
    await page.waitForSelector('[data-testid=replay-summary][data-status=done]', { timeout: 120_000 });
    await page.waitForSelector('[data-testid=replay-result][data-loaded]');
    expect(await page.getAttribute('[data-testid=replay-progress]', 'data-status')).toBe('done');
    candidateRunId = (await page.getAttribute('[data-testid=replay-summary]', 'data-run')) ?? '';

    // the diff table holds exactly the API's diff of that run, every row a case of the changed item
    const token = await bed.loginToken(instance, 'shenji');
    const diff = await call<DiffRowView[]>(
      instance,
      token,
      'GET',
      `/api/replays/${candidateRunId}/diff?limit=5000`,
    );
    expect(diff.status).toBe(200);
    expect(diff.body.length).toBeGreaterThan(0);
    const rows = '[data-testid=replay-diff] tbody tr';
    expect(await attributes(page, rows, 'data-key')).toEqual(diff.body.map((row) => row.alertKey));
    expect(new Set(await attributes(page, rows, 'data-item'))).toEqual(new Set([CHANGED_ITEM]));
    const kinds = diff.body.map((row) => row.kind);
    // a shorter promised limit raises overdue signals live did not (missing) or earlier (different)
    expect(kinds.some((kind) => kind === 'missing' || kind === 'different')).toBe(true);
    // the summary's tiles count them, and the chart draws them per department
    for (const kind of ['missing', 'extra', 'different'])
      expect(
        await page.textContent(
          `[data-testid=replay-summary] .replay-tile[data-kind=${kind}] .replay-tile-value`,
        ),
      ).toBe(String(kinds.filter((k) => k === kind).length));
    expect(await page.locator('[data-testid=replay-chart] svg').count()).toBe(1);

    // the filters: one kind only
    const kind = kinds[0] ?? 'missing';
    await page.selectOption('[data-testid=replay-filter-kind]', kind);
    expect(new Set(await attributes(page, rows, 'data-kind'))).toEqual(new Set([kind]));
    expect(await page.locator(rows).count()).toBe(kinds.filter((k) => k === kind).length);

    // the drill-down: the first row's case timeline, with the difference side by side
    const first = diff.body.find((row) => row.kind === kind);
    const caseId = (first?.replay ?? first?.live)?.caseId ?? '';
    await page.click(`${rows}[data-key="${first?.alertKey}"]`);
    await page.waitForSelector(`[data-testid=replay-timeline][data-case="${caseId}"]`);
    expect(await page.textContent('[data-testid=replay-timeline] h3')).toContain(caseId);
    // the item and its steps read by name, as the catalogue lists them, not by code
    const item = loadCatalogDirectorySync(CATALOG_DIR).items.find(
      (candidate) => candidate.code === (first?.replay ?? first?.live)?.itemCode,
    );
    expect(await page.textContent('[data-testid=replay-timeline] header')).toContain(item?.name ?? '?');
    const deadlines = (await page.locator('.replay-deadlines').allTextContents()).join(' · ');
    const stepsNamed = [...deadlines.matchAll(/环节 (.+?) 时限/g)].map((match) => match[1]);
    expect(stepsNamed.length).toBeGreaterThan(0);
    expect(stepsNamed.filter((name) => !item?.steps.some((step) => step.name === name))).toEqual([]);
    expect(
      await page.locator('[data-testid=replay-timeline-events] li.replay-event').count(),
    ).toBeGreaterThan(1);
    expect(await page.textContent('[data-testid=replay-timeline-difference]')).toContain(
      first?.alertKey ?? '?',
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, 'workspace-auditor.png'), fullPage: true });

    // exports: the diff as CSV, the case's timeline as JSONL
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=replay-export-csv]'),
    ]);
    const csvText = (await (await csv.createReadStream()).toArray()).join('');
    expect(csvText.trim().split('\r\n')).toHaveLength(diff.body.length + 1);
    const [jsonl] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=replay-timeline-export-jsonl]'),
    ]);
    const lines = (await (await jsonl.createReadStream()).toArray()).join('').trim().split('\n');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ entry: 'case', caseId });

    // the run is in the past runs, and the audit has the run and both exports by the auditor
    expect(await attributes(page, '[data-testid=replay-runs] tbody tr', 'data-run')).toContain(
      candidateRunId,
    );
    expect(await cellsOffTheirRow(page, '[data-testid=replay-runs] tbody tr')).toEqual([]);
    const audit = await call<{ action: string; actorUsername: string; target: string }[]>(
      instance,
      await bed.loginToken(instance, 'admin'),
      'GET',
      '/api/audit/operator-actions?limit=50',
    );
    const actions = JSON.stringify(audit.body);
    expect(actions).toContain(`replay:${candidateRunId}`);
    expect(actions).toContain('replay.export');
    expect(actions).toContain(`case:${caseId}`);
  });

  it('compares the two catalogues over the same window in the what-if view', async () => {
    const { page } = auditor;
    await page.click('[data-testid=replay-tab-whatif]');
    await page.selectOption('[data-testid=replay-whatif-base]', 'in-force');
    await page.selectOption('[data-testid=replay-whatif-compared]', String(candidateId));
    await page.click('[data-testid=replay-whatif-run]');
    await page.waitForSelector(
      '[data-testid=replay-whatif-result][data-loaded], [data-testid=replay-error]:not([hidden])',
      { timeout: 180_000 },
    );
    expect(await page.textContent('[data-testid=replay-error]')).toBe('');
    const rows = '[data-testid=replay-whatif-section] [data-testid=replay-diff] tbody tr';
    expect(await page.locator(rows).count()).toBeGreaterThan(0);
    expect(new Set(await attributes(page, rows, 'data-item'))).toEqual(new Set([CHANGED_ITEM]));
  });

  it('finds a case by its id and opens its timeline', async () => {
    const { page } = auditor;
    const [caseId] = (
      await bed.database.query<{ case_id: string }>(
        `SELECT case_id FROM cases WHERE item_code = $1 ORDER BY last_occurred_at DESC LIMIT 1`,
        [CHANGED_ITEM],
      )
    ).map((row) => row.case_id);
    if (!caseId) throw new Error('no case of the item');
    await page.click('[data-testid=replay-tab-search]');
    await page.fill('[data-testid=replay-search-query]', caseId);
    await page.click('[data-testid=replay-search-submit]');
    await page.waitForSelector(`[data-testid=replay-search-results] tr[data-case="${caseId}"]`);
    await page.click(`[data-testid=replay-search-results] tr[data-case="${caseId}"]`);
    await page.waitForSelector(`[data-testid=replay-timeline][data-case="${caseId}"]`);
  });

  it('refuses the workspace to an officer and an administrator, and the server refuses them too', async () => {
    const officer = await bed.openWall(instance, 'officer-scjgj');
    await officer.page.goto(`${instance.url}/#replay`);
    await officer.page.waitForSelector('[data-testid=refusal]');
    expect(await officer.page.locator('[data-testid=nav-replay]').count()).toBe(0);
    const officerToken = await bed.loginToken(instance, 'officer-scjgj');
    const window = { from: '2026-01-01T00:00:00+08:00', to: new Date().toISOString() };
    expect((await call(instance, officerToken, 'POST', '/api/replays', window)).status).toBe(403);
    expect((await call(instance, officerToken, 'GET', `/api/replays/${candidateRunId}/diff`)).status).toBe(
      403,
    );
    expect(
      (await call(instance, officerToken, 'POST', `/api/replays/${candidateRunId}/cancel`, {})).status,
    ).toBe(403);
    // the officer's case search stays in their department
    const own = await call<{ departmentId: string }[]>(instance, officerToken, 'GET', '/api/cases?limit=100');
    expect(own.status).toBe(200);
    expect(new Set(own.body.map((row) => row.departmentId))).toEqual(new Set(['scjgj']));
    expect((await call(instance, officerToken, 'GET', '/api/cases?departmentId=zjj')).status).toBe(403);
    // the administrator may not cancel or compare (the auditor's and supervisor's job)
    const admin = await bed.loginToken(instance, 'admin');
    expect((await call(instance, admin, 'POST', `/api/replays/${candidateRunId}/cancel`, {})).status).toBe(
      403,
    );
    // a finished run cannot be cancelled: 409 with the reason
    const auditorToken = await bed.loginToken(instance, 'shenji');
    const late = await call<{ message: string }>(
      instance,
      auditorToken,
      'POST',
      `/api/replays/${candidateRunId}/cancel`,
      {},
    );
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/done/);
  });
});
