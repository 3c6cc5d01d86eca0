// The alarm wall end to end: the real pipeline and console processes (as `npm run demo` starts them)
// against a database and Kafka topics of the test's own, and Debian's Chromium driven by
// playwright-core. Console instances can be killed and restarted on the same port.
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import {
  buildApps,
  eventually,
  PipelineProcess,
  repoRoot,
  sleep,
  TestDatabase,
  TestTopic,
} from '../../support/pipeline-harness';

export const DEMO_PASSWORD = 'e2e-demo-password';
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = path.join(repoRoot, 'docs/screenshots');
const CATALOG_DIR = path.join(repoRoot, 'deploy/catalog/demo');

export { eventually, sleep };

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** One console process (`dist/apps/console/src/main.js`) on a fixed port. */
export class ConsoleProcess {
  output = '';
  private child: ChildProcess | undefined;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['dist/apps/console/src/main.js'], {
      cwd: repoRoot,
      env: { ...process.env, ...this.env, CONSOLE_HTTP_PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    await eventually(
      `console ${this.name} on port ${this.port} to be healthy`,
      async () => {
        if (child.exitCode !== null)
          throw new Error(`console ${this.name} exited ${child.exitCode}: ${this.output.slice(-2000)}`);
        const response = await fetch(`${this.url}/health`);
        return response.ok ? true : undefined;
      },
      90_000,
      200,
    );
  }

  /** `kill -9`: sockets drop without a goodbye, nothing is flushed. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

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

/** A licensing case whose fee is not in the catalogue: the pipeline raises FEE_NOT_IN_CATALOG (red). */
export function unauthorisedFeeCase(departmentId: string, itemCode: string) {
  const caseId = `E2E-${departmentId.toUpperCase()}-${randomUUID().slice(0, 6)}`;
  const now = Date.now();
  const envelope = { schemaVersion: 1, caseId, itemCode, departmentId };
  const feeEventId = `${caseId}-fee`;
  return {
    caseId,
    departmentId,
    alertKey: `${caseId}|FEE_NOT_IN_CATALOG|${feeEventId}`,
    submitted: {
      ...envelope,
      eventId: `${caseId}-submitted`,
      type: 'case.submitted',
      occurredAt: new Date(now - 120_000).toISOString(),
      payload: { channel: 'window', materials: ['申请书'] },
      actor: { id: 'w-1', name: '窗口受理员' },
    },
    accepted: {
      ...envelope,
      eventId: `${caseId}-accepted`,
      type: 'case.accepted',
      occurredAt: new Date(now - 90_000).toISOString(),
      payload: {},
      actor: { id: 'w-1', name: '窗口受理员' },
    },
    fee: {
      ...envelope,
      eventId: feeEventId,
      type: 'fee.assessed',
      occurredAt: new Date(now - 1_000).toISOString(),
      payload: { feeCode: 'FEE-NOT-IN-ANY-CATALOG', amount: 50_000 },
      actor: { id: 'c-2', name: '收费经办人' },
    },
  };
}

export type FeeCase = ReturnType<typeof unauthorisedFeeCase>;

/** The pipeline, consoles and a browser, torn down at the end. */
export class WallBed {
  readonly database = new TestDatabase();
  readonly topic = new TestTopic(3);
  pipeline!: PipelineProcess;
  readonly consoles: ConsoleProcess[] = [];
  browser!: Browser;
  private readonly pages: WallPage[] = [];
  private readonly sockets: Socket[] = [];
  private readonly suffix = randomUUID().slice(0, 8);

  consoleEnvironment(): Record<string, string> {
    return {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: this.database.url,
      DATABASE_NAME: this.database.name,
      TOPIC_APPROVAL_EVENTS: this.topic.name,
      TOPIC_DEAD_LETTERS: this.topic.deadLetters,
      TOPIC_ALERTS: this.topic.alerts,
      CATALOG_DIR,
      DEMO_SEED_USERS: 'true',
      DEMO_PASSWORD,
      NOTIFIER_GROUP_ID: `e2e-notifier-${this.suffix}`,
      SIGNAL_REGISTRAR_INTERVAL_MS: '200',
      OVERDUE_SWEEP_INTERVAL_MS: '1000',
    };
  }

  async setUp(consoleCount: number): Promise<this> {
    buildApps();
    await this.database.create();
    await this.topic.create();
    this.pipeline = new PipelineProcess(this.database, this.topic, { CATALOG_DIR, TIMER_GRACE_MS: '0' });
    const pipelineUp = this.pipeline.start();
    // one after the other: the first creates the demo users and the development signing key
    for (let i = 0; i < consoleCount; i += 1) {
      const instance = new ConsoleProcess(
        String.fromCharCode(65 + i),
        await freePort(),
        this.consoleEnvironment(),
      );
      this.consoles.push(instance);
      await instance.start();
    }
    await pipelineUp;
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

  /** The processes' output, kept in a file for when a test fails. */
  saveOutput(): string {
    const file = path.join(os.tmpdir(), `wall-e2e-${this.suffix}.log`);
    const sections = [
      `== pipeline\n${this.pipeline?.output ?? ''}`,
      ...this.consoles.map((c) => `== console ${c.name} (${c.url})\n${c.output}`),
    ];
    writeFileSync(file, sections.join('\n'));
    return file;
  }

  async tearDown(): Promise<void> {
    process.stdout.write(`wall e2e: process output in ${this.saveOutput()}\n`);
    for (const socket of this.sockets) socket.disconnect();
    for (const { context } of this.pages) await context.close().catch(() => undefined);
    await this.browser?.close().catch(() => undefined);
    await Promise.all(this.consoles.map((c) => c.stop()));
    await this.pipeline?.stop();
    await this.topic.dispose();
    await this.database.drop();
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

  /** Sends approval events to the pipeline's topic, keyed by caseId; resolves once Kafka has them. */
  async produce(events: { caseId: string }[]): Promise<void> {
    await this.topic.produce(events.map((event) => ({ key: event.caseId, value: JSON.stringify(event) })));
  }

  async loginToken(instance: ConsoleProcess, username: string): Promise<string> {
    const response = await fetch(`${instance.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    if (!response.ok) throw new Error(`login of ${username}: ${response.status}`);
    return ((await response.json()) as { token: string }).token;
  }

  /** A socket.io client of the wall protocol, outside the browser. */
  async socket(instance: ConsoleProcess, token: string): Promise<Socket> {
    const socket = io(instance.url, { transports: ['websocket'], auth: { token }, reconnection: false });
    this.sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  }

  /** Waits until every change in the outbox has been published to Kafka. */
  async outboxPublished(): Promise<void> {
    await eventually('the outbox to be published', async () =>
      (await this.database.count('signal_outbox', 'published_at IS NULL')) === 0 ? true : undefined,
    );
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
