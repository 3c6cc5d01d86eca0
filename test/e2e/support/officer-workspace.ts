// The department officer's workspace (部门待办) in the browser: a page logged in at #todo, and the
// look-ups the end-to-end test makes of it. The test drives the page only; the database is read to
// check what the page did.
import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD, type PageError, type WallBed } from './wall-bed';

export interface OfficerPage {
  page: Page;
  errors: PageError[];
}

/** A browser page logged in as `username` and opened at 部门待办 (#todo). */
export async function openTodo(bed: WallBed, url: string, username: string): Promise<OfficerPage> {
  const context = await bed.browser.newContext({
    viewport: { width: 1440, height: 1000 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors: PageError[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push({ at: Date.now(), text: message.text() });
  });
  page.on('pageerror', (error) => errors.push({ at: Date.now(), text: `pageerror: ${error.message}` }));
  await page.goto(`${url}/#todo`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=todo-signals]', { timeout: 30_000 });
  return { page, errors };
}

/** Clicks 刷新 until the page lists every one of these signals (the pipeline raises them meanwhile). */
export async function refreshUntilListed(page: Page, alertKeys: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let missing = 0;
    for (const key of alertKeys)
      if ((await page.locator(`tr.todo-row[data-key="${key}"]`).count()) === 0) missing += 1;
    if (missing === 0) return;
    if (Date.now() > deadline)
      throw new Error(`${missing} of ${alertKeys.length} signals not listed on the page`);
    await page.click('[data-testid=todo-refresh]');
    await page.waitForTimeout(500);
  }
}

/** The rows of the to-do table: alert key, status, deadline and time left, in page order. */
export function todoRows(
  page: Page,
): Promise<{ key: string | null; status: string | null; due: string | null; left: string | null }[]> {
  return page.evaluate(
    `Array.from(document.querySelectorAll('tr.todo-row'), (row) => ({
      key: row.getAttribute('data-key'),
      status: row.getAttribute('data-status'),
      due: row.querySelector('td.due')?.textContent ?? null,
      left: row.querySelector('td.left')?.textContent ?? null,
    }))`,
  );
}

/**
 * Opens the answer form under a signal's to-do row and fills it: the kind when given (整改
 * `correction`…), the text, and one file sent as a PDF. Answers the form, not yet submitted.
 */
export async function draftAnswer(
  page: Page,
  alertKey: string,
  answer: { kind?: string; text: string; file: { name: string; buffer: Buffer } },
): Promise<Locator> {
  await page.click(`tr.todo-row[data-key="${alertKey}"] button[data-action=respond]`);
  const form = page.locator(`tr.answer-row[data-for="${alertKey}"]`);
  if (answer.kind !== undefined) await form.locator('select[name=responseKind]').selectOption(answer.kind);
  await form.locator('textarea[name=text]').fill(answer.text);
  await form
    .locator('input[type=file]')
    .setInputFiles({ name: answer.file.name, mimeType: 'application/pdf', buffer: answer.file.buffer });
  return form;
}
