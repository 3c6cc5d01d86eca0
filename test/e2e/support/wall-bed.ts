// The alarm wall end to end: the real pipeline and console processes (as `npm run demo` starts them)
// against a database and Kafka topics of the test's own, and Debian's Chromium driven by
// playwright-core. Console instances can be killed and restarted on the same port.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { ConsoleProcess } from '../../support/console-process';
import { eventually, repoRoot, sleep } from '../../support/service-process';
import { FeeCase, SystemBed, unauthorisedFeeCase } from '../../support/system-bed';

export const DEMO_PASSWORD = 'e2e-demo-password';
/** Debian's Chromium, or CHROMIUM_PATH (as scripts/ensure-browser.mjs finds it). */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SCREENSHOTS = path.join(repoRoot, 'docs/screenshots');

export { ConsoleProcess, eventually, sleep, unauthorisedFeeCase };
export type { FeeCase };

/** What a page logged as an error, with when, so a test can tell expected outages from faults. */
export interface PageError {
  at: number;
  text: string;
}

export interface WallPage {
  page: Page;
  context: BrowserContext;
  errors: PageError[];
}

/** The pipeline, consoles and a browser, torn down at the end. */
export class WallBed extends SystemBed {
  browser!: Browser;
  private readonly pages: WallPage[] = [];
  private readonly sockets: Socket[] = [];

  constructor() {
    super({ demoPassword: DEMO_PASSWORD });
  }

  override async setUp(consoles: number | Record<string, string>[]): Promise<this> {
    await super.setUp(consoles);
    this.browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
    return this;
  }

  override async tearDown(): Promise<void> {
    process.stdout.write(`wall e2e: process output in ${this.saveOutput('wall-e2e')}\n`);
    for (const socket of this.sockets) socket.disconnect();
    for (const { context } of this.pages) await context.close().catch(() => undefined);
    await this.browser?.close().catch(() => undefined);
    await super.tearDown();
  }

  /** A browser page at the wall of a console instance, logged in as a demo user. */
  async openWall(
    instance: ConsoleProcess,
    username: string,
    viewport = { width: 1920, height: 1080 },
  ): Promise<WallPage> {
    const context = await this.browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    const errors: PageError[] = [];
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error') errors.push({ at: Date.now(), text: message.text() });
    });
    page.on('pageerror', (error) => errors.push({ at: Date.now(), text: `pageerror: ${error.message}` }));
    const wall = { page, context, errors };
    this.pages.push(wall);
    await page.goto(`${instance.url}/`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=connection].live', { timeout: 30_000 });
    await page.waitForFunction(
      `document.querySelector('[data-tile=casesInProgress] .tile-value')?.textContent !== '–'`,
      undefined,
      { timeout: 30_000 },
    );
    return wall;
  }

  /** A socket.io client of the wall protocol, outside the browser. */
  /**
   * A red signal end to end: a fee case's first events, then (300 ms later, its case known) the fee
   * event the pipeline raises FEE_NOT_IN_CATALOG for; answers how long from sending that event to
   * its row on the page.
   */
  async redSignalOnScreen(page: Page): Promise<{ feeCase: FeeCase; latencyMs: number }> {
    const feeCase = unauthorisedFeeCase('scjgj', 'XK-SCJG-003');
    await this.produce([feeCase.submitted, feeCase.accepted]);
    await sleep(300);
    const producedAt = Date.now();
    await this.produce([feeCase.fee]);
    return { feeCase, latencyMs: (await shownAt(page, feeCase.alertKey)) - producedAt };
  }

  /** A red signal the pipeline's way: a fee case's first events, then the fee event it raises FEE_NOT_IN_CATALOG for. */
  async raiseFeeSignal(departmentId: string, itemCode: string): Promise<FeeCase> {
    const feeCase = unauthorisedFeeCase(departmentId, itemCode);
    await this.produce([feeCase.submitted, feeCase.accepted]);
    await this.produce([feeCase.fee]);
    return feeCase;
  }

  async socket(instance: ConsoleProcess, token: string): Promise<Socket> {
    const socket = io(instance.url, { transports: ['websocket'], auth: { token }, reconnection: false });
    this.sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  }
}

/** How often each signal appears in the page's stream. */
export async function rowCounts(page: Page, alertKeys: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const key of alertKeys)
    counts[key] = await page.locator(`[data-testid=stream] li[data-key="${key}"]`).count();
  return counts;
}

/** An attribute of every element a selector matches, in document order (null where absent). */
export function attributeValues(page: Page, selector: string, attribute: string): Promise<(string | null)[]> {
  return page.evaluate<(string | null)[]>(
    `Array.from(document.querySelectorAll(${JSON.stringify(selector)}), (e) => e.getAttribute(${JSON.stringify(attribute)}))`,
  );
}

/** The login token the page keeps for this tab. */
export function pageToken(page: Page): Promise<string> {
  return page.evaluate<string>(`JSON.parse(sessionStorage.getItem('jiancha.session')).token`);
}

/** The instant (browser clock, ms) the row of a signal was put on the screen, once it is there. */
export async function shownAt(page: Page, alertKey: string, timeoutMs = 20_000): Promise<number> {
  const row = page.locator(`[data-testid=stream] li[data-key="${alertKey}"]`);
  await row.waitFor({ state: 'attached', timeout: timeoutMs });
  return Number(await row.getAttribute('data-shown-at'));
}
