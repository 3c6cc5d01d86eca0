// What the supervisor's browser test does through the page, step by step: the clicks and the waits,
// so the spec reads as the job. Everything goes through the page (no REST call for the job).
import type { Locator, Page } from 'playwright-core';
import { shownAt } from './wall-bed';

/** The stream row of a signal. */
export const streamRow = (page: Page, alertKey: string) =>
  page.locator(`[data-testid=stream] li[data-key="${alertKey}"]`);

/** Goes to a workspace through the navigation bar and waits for its page. */
export async function openWorkspace(page: Page, name: 'wall' | 'silences'): Promise<void> {
  await page.click(`[data-testid=nav-${name}]`);
  if (name === 'wall') await page.waitForSelector('[data-testid=connection].live', { timeout: 30_000 });
  else await page.waitForSelector('[data-testid=silence-form]', { timeout: 10_000 });
}

/** Creates a silence with the page's form (department and rule by value, expiry by a preset). */
export async function createSilence(
  page: Page,
  silence: { departmentId?: string; ruleId?: string; reason: string; preset?: string },
): Promise<void> {
  const form = page.locator('[data-testid=silence-form]');
  await form.locator('select[name=departmentId]').selectOption(silence.departmentId ?? '');
  await form.locator('select[name=ruleId]').selectOption(silence.ruleId ?? '');
  await form.locator('textarea[name=reason]').fill(silence.reason);
  if (silence.preset) await form.getByRole('button', { name: silence.preset }).click();
  await form.locator('button[type=submit]').click();
}

/** Opens the case panel of a signal from its stream row; answers the panel's item of the signal. */
export async function openSignal(page: Page, alertKey: string) {
  await shownAt(page, alertKey);
  await streamRow(page, alertKey).click();
  const item = page.locator(`.case-signal[data-key="${alertKey}"]`);
  await item.waitFor({ timeout: 10_000 });
  return item;
}

/**
 * Opens an action's form (urge, confirm) in a signal's panel item and sends it empty: waits for the
 * page's refusal, with the given text when there is one.
 */
export async function sendEmptyAction(
  item: Locator,
  action: 'urge' | 'confirm',
  refusal?: string,
): Promise<void> {
  await item.locator(`button[data-action=${action}]`).click();
  await item.locator('.action-form button.primary').click();
  const refused = '[data-testid=action-refused]';
  await item.locator(refusal === undefined ? refused : `${refused}:has-text("${refusal}")`).waitFor();
}

/** Whether an element's text is cut (ellipsis or overflow) where it stands. */
export function isCut(page: Page, selector: string): Promise<boolean[]> {
  return page.evaluate<boolean[]>(
    `Array.from(document.querySelectorAll(${JSON.stringify(selector)}), (e) => e.scrollWidth > e.clientWidth + 1)`,
  );
}
