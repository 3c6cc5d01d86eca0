// 后台管理 end to end: logging in through the page at a hash, and catalogue directories written to
// a temporary folder for the page's file input (from deploy/catalog/demo).
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { CATALOG_FILE_NAMES } from '@app/catalog';
import { repoRoot } from '../../support/service-process';
import { type ConsoleProcess, DEMO_PASSWORD, type PageError, type WallBed } from './wall-bed';

const DEMO_CATALOG = path.join(repoRoot, 'deploy/catalog/demo');

/** A browser page logged in as a demo user, at `hash`; what it logged as errors. */
export async function loginAt(
  bed: WallBed,
  instance: ConsoleProcess,
  username: string,
  hash: string,
): Promise<{ page: Page; errors: PageError[] }> {
  const context = await bed.browser.newContext({
    viewport: { width: 1600, height: 1000 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  const errors: PageError[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push({ at: Date.now(), text: message.text() });
  });
  page.on('pageerror', (error) => errors.push({ at: Date.now(), text: `pageerror: ${error.message}` }));
  await page.goto(`${instance.url}/${hash}`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=workspace-nav]', { timeout: 30_000 });
  return { page, errors };
}

/** Waits until the administration page shows a tab with its data loaded. */
export async function adminTabReady(page: Page, tab: string): Promise<void> {
  await page.waitForSelector(`[data-testid=admin][data-tab=${tab}][data-ready=true]`, { timeout: 30_000 });
}

/**
 * The demo catalogue's files in a new temporary folder, `items.json` changed by `change`; answers
 * the files' paths (for `setInputFiles`).
 */
export function catalogDirectory(change?: (items: Record<string, unknown>[]) => void): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'admin-catalog-'));
  mkdirSync(dir, { recursive: true });
  for (const file of CATALOG_FILE_NAMES) {
    const target = path.join(dir, file);
    if (file === 'items.json' && change) {
      const items = JSON.parse(readFileSync(path.join(DEMO_CATALOG, file), 'utf8')) as Record<
        string,
        unknown
      >[];
      change(items);
      writeFileSync(target, `${JSON.stringify(items, null, 2)}\n`);
    } else copyFileSync(path.join(DEMO_CATALOG, file), target);
  }
  return CATALOG_FILE_NAMES.map((file) => path.join(dir, file));
}
