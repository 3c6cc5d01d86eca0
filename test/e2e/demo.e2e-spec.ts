// Done-when of issue 14: `npm run demo` shows a living system from its first minute, whatever the
// hour. The demo launcher runs as a user starts it (its own database and topics here, the suite's
// broker), and within two minutes of its start the wall in Chromium holds a red card, a warning and
// a closed signal, with signals of every stage and level and of most rules behind them; the terminal
// ends with the box (wall, users, password last); SIGINT stops every process it started. Saves
// docs/screenshots/demo-wall.png for the README.
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { chromium, type Browser } from 'playwright-core';
import { databaseUrl, loadConfig } from '@app/platform';
import { buildApps } from '../support/pipeline-harness';
import { eventually, repoRoot, sleep } from '../support/service-process';
import { freePort } from '../support/throwaway-postgres';
import { CHROMIUM, SCREENSHOTS } from './support/wall-bed';

const PASSWORD = 'e2e-demo-box-password';
const TWO_MINUTES = 120_000;

/** Processes whose environment holds the marker: those the demo started carry its topic names. */
function processesWith(marker: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'latin1').includes(marker);
      } catch {
        return false;
      }
    })
    .map(Number)
    .filter((pid) => pid !== process.pid);
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

describe('npm run demo', () => {
  const suffix = randomUUID().slice(0, 8);
  let demo: ChildProcess;
  let output = '';
  let startedAt = 0;
  let browser: Browser;
  let consolePort = 0;
  let pipelinePort = 0;

  beforeAll(async () => {
    buildApps();
    consolePort = await freePort();
    pipelinePort = await freePort();
    startedAt = Date.now();
    demo = spawn(process.execPath, [path.join(repoRoot, 'dist/deploy/local/demo.js')], {
      cwd: repoRoot,
      env: {
        ...process.env,
        DATABASE_NAME: `jiancha_demo_e2e_${suffix}`,
        CONSOLE_HTTP_PORT: String(consolePort),
        PIPELINE_HTTP_PORT: String(pipelinePort),
        TOPIC_APPROVAL_EVENTS: `demo-e2e-${suffix}.events`,
        TOPIC_DEAD_LETTERS: `demo-e2e-${suffix}.events.dlq`,
        TOPIC_ALERTS: `demo-e2e-${suffix}.alerts`,
        PIPELINE_GROUP_ID: `demo-e2e-pipeline-${suffix}`,
        NOTIFIER_GROUP_ID: `demo-e2e-notifier-${suffix}`,
        DEMO_PASSWORD: PASSWORD,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    demo.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    demo.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
    });
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    if (demo && demo.exitCode === null) demo.kill('SIGKILL');
    const maintenance = new Client({ connectionString: databaseUrl(loadConfig(process.env), 'postgres') });
    await maintenance.connect();
    await maintenance.query(`DROP DATABASE IF EXISTS "jiancha_demo_e2e_${suffix}" WITH (FORCE)`);
    await maintenance.end();
    process.stdout.write(`demo e2e: the launcher printed\n${output}\n`);
  });

  it('prints the wall, the users and their password last, in a box, once the history is loaded', async () => {
    await eventually(
      'the box with the password',
      () => Promise.resolve(/password\s+\S+[^└]*└/.test(output) ? true : undefined),
      TWO_MINUTES,
    );

    const box = output.slice(output.lastIndexOf('┌'));
    expect(box).toContain(`alarm wall   http://127.0.0.1:${consolePort}/`);
    expect(box).toMatch(/jiancha\s+监察员/);
    expect(box).toContain('Ctrl-C stops everything');
    // the password is the box's last line: what a user needs next is right above the prompt
    expect(box.trimEnd().split('\n').at(-2)).toMatch(new RegExp(`^│ password     ${PASSWORD} +│$`));
    expect(output).toMatch(/history\s+\[.*\] 100% \| (\d+)\/\1 messages through the pipeline/);
    expect(output).toContain('.cache/demo/logs/pipeline.log');
  });

  it('shows a red card, a warning and a closed signal on the wall within two minutes of the start', async () => {
    const context = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${consolePort}/`);
    await page.fill('input[name=username]', 'jiancha');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=connection].live', { timeout: 30_000 });

    const stream = (selector: string) => page.locator(`[data-testid=stream] li${selector}`).count();
    for (let look = 1; ; look += 1) {
      const [red, warning, closed] = await Promise.all([
        stream('.red'),
        stream('.warning'),
        stream('.closed'),
      ]);
      if (red > 0 && warning > 0 && closed > 0) break;
      if (Date.now() - startedAt > TWO_MINUTES)
        throw new Error(`after two minutes the wall holds red ${red}, warning ${warning}, closed ${closed}`);
      await sleep(1000);
      // the live stream adds new signals; a reload also brings the latest ones closed meanwhile
      if (look % 15 === 0) {
        await page.reload();
        await page.waitForSelector('[data-testid=connection].live', { timeout: 30_000 });
      }
    }
    const seconds = (Date.now() - startedAt) / 1000;
    process.stdout.write(
      `demo e2e: red, warning and closed signals on the wall ${seconds.toFixed(1)} s after the start\n`,
    );
    const tiles = await page.locator('[data-tile=casesInProgress] .tile-value').textContent();
    expect(Number((tiles ?? '0').replace(/\D/g, ''))).toBeGreaterThan(0);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'demo-wall.png') });
    await context.close();
  });

  it("holds signals of every stage and level and of most rules, and the month's evaluation", async () => {
    const login = await fetch(`http://127.0.0.1:${consolePort}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'shenji', password: PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const signals: { ruleId: string; stage: string; level: string; raisedAt: string }[] = [];
    let raisedBefore = '';
    for (;;) {
      const page = await fetch(
        `http://127.0.0.1:${consolePort}/api/signals?limit=1000&includeSuperseded=true${raisedBefore}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      const batch = (await page.json()) as typeof signals;
      signals.push(...batch);
      if (batch.length < 1000) break;
      raisedBefore = `&raisedBefore=${encodeURIComponent(batch.at(-1)!.raisedAt)}`;
    }
    const rules = new Set(signals.map((signal) => signal.ruleId));
    process.stdout.write(
      `demo e2e: ${signals.length} signals of ${rules.size} rules: ${[...rules].sort().join(' ')}\n`,
    );

    expect(new Set(signals.map((signal) => signal.stage))).toEqual(
      new Set(['before', 'during', 'after', 'data']),
    );
    expect(new Set(signals.map((signal) => signal.level))).toEqual(new Set(['warning', 'yellow', 'red']));
    expect(rules.size).toBeGreaterThanOrEqual(28);

    // the month's evaluation: every department ranked, on figures of this month
    const answer = await fetch(`http://127.0.0.1:${consolePort}/api/evaluation/report`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const report = (await answer.json()) as {
      period: { label: string };
      ranked: number;
      departments: {
        score: number;
        indicators: { completed: number; signals: Record<string, { raised: number }> };
      }[];
    };
    const completed = report.departments.reduce((sum, d) => sum + d.indicators.completed, 0);
    const raised = report.departments.reduce(
      (sum, d) => sum + Object.values(d.indicators.signals).reduce((total, level) => total + level.raised, 0),
      0,
    );
    process.stdout.write(
      `demo e2e: evaluation ${report.period.label}: ${report.ranked} departments, ${completed} cases completed, ${raised} signals raised\n`,
    );
    expect(report.ranked).toBeGreaterThanOrEqual(10);
    expect(completed + raised).toBeGreaterThan(0);
    expect(report.departments.every((department) => Number.isFinite(department.score))).toBe(true);
  });

  it('stops the pipeline, the console, the simulator and the actors on SIGINT', async () => {
    expect(await answers(`http://127.0.0.1:${consolePort}/health`)).toBe(true);
    const started = processesWith(`demo-e2e-${suffix}.events`);
    expect(started.length).toBeGreaterThanOrEqual(5); // the launcher, pipeline, console, simulator, actors
    const exited = new Promise<number | null>((resolve) => demo.once('exit', (code) => resolve(code)));

    demo.kill('SIGINT');

    expect(await exited).toBe(130);
    expect(await answers(`http://127.0.0.1:${consolePort}/health`)).toBe(false);
    expect(await answers(`http://127.0.0.1:${pipelinePort}/health`)).toBe(false);
    expect(output).toContain('[demo] stopped');
    expect(processesWith(`demo-e2e-${suffix}.events`)).toEqual([]);
  });
});
