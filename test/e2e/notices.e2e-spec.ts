// Done-when of issue 18, the printed notice, in a real browser: the pipeline and the console as
// processes, real Kafka and PostgreSQL, Debian's Chromium. A yellow card raised by the pipeline
// (不予受理未说明理由); the demo supervisor opens it on the wall, issues a 督办通知书 from the case
// panel after confirming, and downloads the PDF: it is a PDF, carries the number the page shows,
// and the issue and the download are in the operator audit. Saves the first page as
// docs/screenshots/notice-supervision.png (poppler's pdftoppm).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { caseEvent, submittedAtWindow, type CaseEnvelope } from '../support/system-bed';
import { SCREENSHOTS, WallBed, WallPage } from './support/wall-bed';
import { openSignal } from './support/supervisor-steps';

function refusalWithoutReason(departmentId: string, itemCode: string) {
  const caseId = `E2E-NOTICE-${randomUUID().slice(0, 6)}`;
  const envelope: CaseEnvelope = { schemaVersion: 1, caseId, itemCode, departmentId };
  const now = Date.now();
  const submitted = submittedAtWindow(envelope, now);
  const refused = caseEvent(envelope, 'refused', 'case.refused', now - 60_000, {});
  return {
    caseId,
    alertKey: `${caseId}|REFUSAL_WITHOUT_REASON|${refused.eventId}`,
    events: [submitted, refused],
  };
}

describe('a printed 督办通知书', () => {
  const bed = new WallBed();
  let supervisor: WallPage;

  beforeAll(async () => {
    await bed.setUp(1);
    supervisor = await bed.openWall(bed.consoles[0]!, 'jiancha');
  });

  afterAll(async () => {
    await bed.tearDown();
  });

  it('is issued from the case panel, numbered, downloaded as a PDF and audited', async () => {
    const page = supervisor.page;
    const yellow = refusalWithoutReason('scjgj', 'XK-SCJG-003');
    await bed.produce(yellow.events);
    const signal = await openSignal(page, yellow.alertKey);
    const panel = signal.locator('[data-testid=notices]');
    await panel.locator('[data-action=issue-notice][data-kind=supervision]').click();
    const confirm = panel.locator('[data-testid=confirm-notice]');
    await confirm.waitFor({ timeout: 10_000 });
    await confirm.locator('[data-action=confirm-yes]').click();
    const item = panel.locator('.notices-list li').first();
    await item.waitFor({ timeout: 20_000 });
    const shown = (await item.locator('strong').textContent()) ?? '';
    expect(shown).toMatch(/^督办通知书 〔\d{4}〕第 \d+ 号$/);

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 20_000 }),
      item.locator('[data-action=download-notice]').click(),
    ]);
    const file = path.join(os.tmpdir(), `notice-${randomUUID()}.pdf`);
    await download.saveAs(file);
    const pdf = readFileSync(file);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text.status).toBe(0);
    const flat = text.stdout.replace(/\s+/g, '');
    const number = shown.replace('督办通知书 ', '').replace(/\s+/g, '');
    expect(flat).toContain(`督办${number}`);
    expect(flat).toContain(yellow.caseId);
    expect(flat).toContain('不予受理未说明理由');

    const audit = await bed.database.query<{ action: string; actor_username: string }>(
      `SELECT action, actor_username FROM operator_audit WHERE target = $1 ORDER BY id`,
      [`signal:${yellow.alertKey}`],
    );
    expect(audit.map((entry) => `${entry.action} ${entry.actor_username}`)).toEqual([
      'notice.issue jiancha',
      'notice.download jiancha',
    ]);

    // pdftoppm -singlefile writes <root>.png
    const root = path.join(SCREENSHOTS, 'notice-supervision');
    const rendered = spawnSync('pdftoppm', [
      '-png',
      '-r',
      '70',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      file,
      root,
    ]);
    expect(rendered.status).toBe(0);
    expect(readFileSync(`${root}.png`).subarray(1, 4).toString('latin1')).toBe('PNG');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'case-panel-notices.png') });
  }, 120_000);
});
