// The performance evaluation in a real browser (issue 8): the pipeline and a console as processes,
// real Kafka and PostgreSQL, Debian's Chromium through playwright-core. Seven weeks of the
// simulator's traffic go through the pipeline; the wall's ranking board, the report page (charts,
// ranking, a department's scorecard and items), its CSV download and its printed form must show
// exactly what the API computes. Saves docs/screenshots/evaluation-*.png and the printed PDF.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { EvaluationReportView, ItemsReportView, WallOverview } from '@app/contracts';
import { csvObjects } from '../support/csv';
import { recentTraffic } from './support/traffic';
import { eventually, SCREENSHOTS, WallBed, type WallPage } from './support/wall-bed';

/** `YYYY-MM` of the month before the one `now` falls in, Shanghai time. */
function previousMonth(now: number): string {
  const local = new Date(now + 8 * 3_600_000);
  const date = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Each row's attribute and the text of one of its cells, in document order. */
function rowsOf(
  page: WallPage['page'],
  rows: string,
  attribute: string,
  cell: string,
): Promise<[string | null, string | null][]> {
  return page.evaluate<[string | null, string | null][]>(
    `Array.from(document.querySelectorAll(${JSON.stringify(rows)}), (row) => [row.getAttribute(${JSON.stringify(attribute)}), row.querySelector(${JSON.stringify(cell)})?.textContent ?? null])`,
  );
}

const scoreText = (score: number) =>
  Number.isInteger(score) ? String(score) : score.toFixed(2).replace(/0$/, '');

describe('the performance evaluation in the browser', () => {
  const bed = new WallBed();
  const period = previousMonth(Date.now());
  let supervisor: WallPage;
  let token: string;

  async function api<T>(route: string, as = token): Promise<T> {
    const console = bed.consoles[0];
    if (!console) throw new Error('no console');
    const response = await fetch(`${console.url}${route}`, { headers: { authorization: `Bearer ${as}` } });
    if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  beforeAll(async () => {
    await bed.setUp(1);
    // seven weeks of cases of every department, a fortnight of them in the previous month at least
    await bed.flushBacklog(
      recentTraffic(Date.now(), { cases: 420, days: 50, seed: 23, irregularShare: 0.15 }).events,
    );
    await eventually('every signal to be registered', async () =>
      (await bed.database.count('signals', 'recorded_status IS DISTINCT FROM status')) === 0
        ? true
        : undefined,
    );
    const console = bed.consoles[0];
    if (!console) throw new Error('no console');
    token = await bed.loginToken(console, 'jiancha');
    supervisor = await bed.openWall(console, 'jiancha');
  });

  afterAll(async () => {
    await bed.tearDown();
  });

  it("ranks this month's departments on the wall's board as the API scores them", async () => {
    const { page } = supervisor;
    await page.click('[data-testid=board-tabs] [data-tab=scores]');
    await page.waitForSelector('[data-testid=score-board] tbody tr');
    const expected = await api<EvaluationReportView>('/api/evaluation/report');

    const shown = await rowsOf(page, '[data-testid=score-board] tbody tr', 'data-department', 'td.score');

    expect(expected.departments.length).toBeGreaterThan(5);
    expect(shown).toEqual(expected.departments.map((d) => [d.departmentId, String(d.score)]));
    // the wall's 本月按时办结率 tile counts what the evaluation counts
    const overview = await api<WallOverview>('/api/wall/overview');
    const completed = expected.departments.reduce((n, d) => n + d.indicators.completed, 0);
    const onTime = expected.departments.reduce((n, d) => n + d.indicators.onTime, 0);
    expect(overview.tiles.onTimeMonth).toMatchObject({ completed, onTime });
    await page
      .locator('.board-panel')
      .screenshot({ path: path.join(SCREENSHOTS, 'wall-evaluation-board.png') });
  });

  it("shows last month's report with the API's ranking, charts and a department's items", async () => {
    const { page } = supervisor;
    await page.click('[data-testid=open-report]');
    await page.waitForSelector('[data-testid=report][data-loaded]');
    // one language switch and one log-out: the workspace navigation's, not a second set in the report
    await expect(page.getByRole('button', { name: 'English' }).count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: '退出' }).count()).resolves.toBe(1);
    await page.selectOption('[data-testid=period]', period);
    await page.waitForSelector(`[data-testid=report][data-loaded="${period}"]`);
    const expected = await api<EvaluationReportView>(`/api/evaluation/report?period=${period}`);

    const rows = await rowsOf(
      page,
      '[data-testid=report-ranking] tr',
      'data-department',
      '[data-testid=score]',
    );
    expect(expected.departments.some((d) => d.indicators.completed > 0)).toBe(true);
    expect(rows).toEqual(expected.departments.map((d) => [d.departmentId, scoreText(d.score)]));
    expect(await page.textContent('[data-testid=report-period]')).toContain(
      `${period.slice(0, 4)}年${Number(period.slice(5))}月`,
    );
    expect(await page.locator('.report-chart svg').count()).toBe(3);
    // average days used, two decimals in every row
    const averages = await page.locator('[data-testid=report-ranking] td.average-days').allTextContents();
    expect(averages).toHaveLength(expected.departments.length);
    expect(averages.filter((text) => !/^(\d+\.\d{2}|—)$/.test(text))).toEqual([]);
    // the scores' bars stand on zero
    const scoreAxis = await page.locator('.report-chart').first().locator('svg text').allTextContents();
    expect(scoreAxis).toContain('0');
    // when it was made, as supervision staff read dates: YYYY-MM-DD, 24-hour clock
    expect(await page.textContent('.report-meta')).toMatch(
      /^考核方案：.+\u3000生成时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
    );

    // the department with the most completed cases: its scorecard and its items
    const busiest = [...expected.departments].sort(
      (a, b) => b.indicators.completed - a.indicators.completed,
    )[0];
    if (!busiest) throw new Error('no department');
    await page.click(`[data-testid=report-ranking] tr[data-department="${busiest.departmentId}"]`);
    await page.waitForSelector(`[data-testid=report-detail] h2:has-text("${busiest.departmentName}")`);
    const items = await api<ItemsReportView>(
      `/api/evaluation/items?period=${period}&departmentId=${busiest.departmentId}`,
    );
    await page.waitForFunction(
      `document.querySelectorAll('[data-testid=report-items] tbody tr').length === ${items.items.length}`,
    );
    const shownItems = await rowsOf(
      page,
      '[data-testid=report-items] tbody tr',
      'data-item',
      'td:nth-child(4)',
    );
    expect(shownItems).toEqual(items.items.map((item) => [item.itemCode, String(item.indicators.completed)]));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'evaluation-report.png'), fullPage: true });
  });

  it('downloads the ranking as a CSV that parses back to the same numbers', async () => {
    const { page } = supervisor;
    const expected = await api<EvaluationReportView>(`/api/evaluation/report?period=${period}`);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=export-csv]'),
    ]);
    const file = await download.path();

    expect(download.suggestedFilename()).toBe(`evaluation-${period}.csv`);
    const rows = csvObjects(readFileSync(file, 'utf8'));
    expect(
      rows.map((row) => [
        Number(row['排名 (rank)']),
        row['部门编码 (departmentId)'],
        Number(row['得分 (score)']),
        Number(row['办结件数 (completed)']),
        row['按时办结率 (onTimeRate)'] === '' ? null : Number(row['按时办结率 (onTimeRate)']),
      ]),
    ).toEqual(
      expected.departments.map((d) => [
        d.rank,
        d.departmentId,
        d.score,
        d.indicators.completed,
        d.indicators.onTimeRate,
      ]),
    );
  });

  it("prints as the office's report: a PDF with the header, the ranking and the rules", async () => {
    const { page } = supervisor;
    const pdfPath = path.join(SCREENSHOTS, 'evaluation-report.pdf');
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.locator('.report-nav').isVisible()).toBe(false);
      expect(await page.textContent('.report-head')).toContain('市行政效能电子监察中心');
      await page.pdf({ path: pdfPath, format: 'A4', landscape: true, printBackground: true });
      await page.setViewportSize({ width: 1400, height: 990 });
      await page.screenshot({ path: path.join(SCREENSHOTS, 'evaluation-report-print.png'), fullPage: true });
    } finally {
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize({ width: 1920, height: 1080 });
    }

    const pdf = readFileSync(pdfPath);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(20_000);
  });

  it('shows a department officer only their own scorecard, with its rank among all', async () => {
    const console = bed.consoles[0];
    if (!console) throw new Error('no console');
    const officer = await bed.openWall(console, 'officer-scjgj', { width: 1440, height: 900 });
    await officer.page.click('[data-testid=open-report]');
    await officer.page.waitForSelector('[data-testid=report][data-loaded]');
    const expected = await api<EvaluationReportView>(
      '/api/evaluation/report',
      await bed.loginToken(console, 'officer-scjgj'),
    );

    const rows = (await rowsOf(officer.page, '[data-testid=report-ranking] tr', 'data-department', 'td')).map(
      ([department]) => department,
    );

    expect(rows).toEqual(['scjgj']);
    expect(await officer.page.textContent('[data-testid=report-summary]')).toContain(
      `第 ${expected.departments[0]?.rank} 名 / 共 ${expected.ranked} 个部门`,
    );
    expect(officer.errors).toEqual([]);
  });

  it('logs no console errors in the page', () => {
    expect(supervisor.errors).toEqual([]);
  });
});
