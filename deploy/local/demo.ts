// npm run demo: a living system from its first minute, at any hour (docs/adr/0008-a-living-demo.md).
// The Kafka broker and a fresh demo database; the pipeline and the console; the simulator's demo
// traffic (weeks of history through the real pipeline, with a progress bar, then live cases with
// time compression); the demo's department officers and supervisor answering and closing signals
// through the REST API. The terminal shows short status lines and, last, a box with the wall's
// address, the users and their password; each process's JSON log goes to a file it names.
// Ctrl-C, SIGINT or SIGTERM stops everything it started (the broker only if it started it).
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, WriteStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Presets, SingleBar } from 'cli-progress';
import { loadConfig, type AppConfig } from '@app/platform';
import { kafkaDown, kafkaUp } from './kafka';
import { repoRoot } from './paths';
import { recreateDatabase } from './postgres';
import { requireJava } from './prerequisites';
import { seconds, sleep } from './progress';
import { box } from './terminal-box';
import { DemoMailbox } from './demo-mailbox';

/** Days and cases of the history the demo loads; the live traffic's compression and rate. */
const HISTORY_DAYS = 60;
const HISTORY_CASES = 4500;
const COMPRESSION = 1440; // a working day of a live case passes in a minute
const LIVE_RATE = 4; // events per second of the live cases
const ACTORS_INTERVAL_S = 5;
// lifecycle requests per round: the history's backlog is worked through in the first minute
const ACTORS_MAX_ACTIONS = 300;

interface App {
  name: string;
  entry: string;
  args: string[];
}

function status(message: string): void {
  process.stdout.write(`[demo] ${message}\n`);
}

async function healthy(url: string, stopped: () => boolean, timeoutMs = 120_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!stopped() && Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return true;
    } catch {
      // not listening yet
    }
    await sleep(300);
  }
  return false;
}

class Demo {
  private readonly root = repoRoot();
  readonly logDir: string;
  private readonly children = new Map<string, ChildProcess>();
  private readonly logs: WriteStream[] = [];
  private stopping = false;
  private brokerStarted = false;
  brokers = '';
  exitCode = 0;
  private resolveDone: () => void = () => undefined;
  /** What to close on stop besides the processes (the demo mailbox). */
  private readonly closers: (() => Promise<void>)[] = [];
  readonly done = new Promise<void>((resolve) => (this.resolveDone = resolve));

  constructor(
    readonly config: AppConfig,
    readonly password: string,
  ) {
    this.logDir = path.join(this.root, '.cache', 'demo', 'logs');
    mkdirSync(this.logDir, { recursive: true });
  }

  get stopped(): boolean {
    return this.stopping;
  }

  /** Runs `close` when the demo stops, after its processes. */
  onStop(close: () => Promise<void>): void {
    this.closers.push(close);
  }

  logFile(name: string): string {
    return path.relative(process.cwd(), path.join(this.logDir, `${name}.log`)) || `${name}.log`;
  }

  async infrastructure(): Promise<void> {
    requireJava(this.config.KAFKA_VERSION);
    const started = Date.now();
    const kafka = await kafkaUp(this.config);
    this.brokerStarted = kafka.started;
    this.brokers = kafka.brokers;
    status(
      `Kafka broker ${kafka.started ? 'started' : 'already running'} on ${kafka.brokers} (${seconds(Date.now() - started)})`,
    );
    const migrated = await recreateDatabase(this.config, this.config.DATABASE_NAME);
    const applied = migrated.migrations[this.config.DATABASE_NAME]?.length ?? 0;
    status(`database ${this.config.DATABASE_NAME}: fresh, ${applied} migrations`);
  }

  /** Starts an app with its output in its log file; `onLine` sees each stdout line too. */
  start(app: App, env: NodeJS.ProcessEnv, onLine?: (line: string) => void): ChildProcess {
    const entry = path.join(this.root, app.entry);
    if (!existsSync(entry)) throw new Error(`missing ${app.entry}: did it compile?`);
    const log = createWriteStream(path.join(this.logDir, `${app.name}.log`), { flags: 'w' });
    this.logs.push(log);
    const child = spawn(process.execPath, [entry, ...app.args], {
      cwd: this.root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.children.set(app.name, child);
    child.stderr.pipe(log, { end: false });
    const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
    lines.on('line', (line) => {
      log.write(`${line}\n`);
      onLine?.(line);
    });
    child.once('exit', (code, signal) => {
      // a terminal's Ctrl-C reaches the children too: give our own handler the first word
      setTimeout(() => {
        if (this.stopping) return;
        status(`${app.name} exited (${code ?? signal}) unexpectedly: see ${this.logFile(app.name)}`);
        this.exitCode = 1;
        void this.stop(`${app.name} exited`);
      }, 300);
    });
    return child;
  }

  async stop(reason: string): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    status(`${reason}: stopping the demo...`);
    const running = [...this.children.values()].filter(
      (child) => child.exitCode === null && child.signalCode === null,
    );
    const exits = running.map((child) => new Promise<void>((resolve) => child.once('exit', () => resolve())));
    for (const child of running) child.kill('SIGTERM');
    const allExited = Promise.all(exits).then(() => true);
    if (!(await Promise.race([allExited, sleep(10_000).then(() => false)]))) {
      for (const child of running)
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await allExited;
    }
    for (const log of this.logs) log.end();
    for (const close of this.closers) await close().catch(() => undefined);
    if (this.brokerStarted) await kafkaDown(this.config);
    status('stopped');
    this.resolveDone();
  }
}

/** The pipeline's count of messages consumed, from its Prometheus metrics (0 while it cannot say). */
async function consumedByPipeline(metricsUrl: string): Promise<number> {
  try {
    const response = await fetch(metricsUrl, { signal: AbortSignal.timeout(2000) });
    const found = /^jiancha_events_consumed_total(?:\{[^}]*\})? (\d+)/m.exec(await response.text());
    return found ? Number(found[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * The history load as a progress bar: the simulator's JSON progress lines say how many messages
 * there are and how many it has sent; the bar counts those the pipeline has consumed (its metrics),
 * so it ends when the history is through the pipeline, not merely in Kafka.
 */
function historyProgress(metricsUrl: string, stopped: () => boolean) {
  const bar = new SingleBar(
    {
      stream: process.stdout,
      format:
        '[demo] history  [{bar}] {percentage}% | {value}/{total} messages through the pipeline | {cases} cases over the past {days} days',
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 5000,
    },
    Presets.shades_classic,
  );
  let total: number | null = null;
  let sent = 0;
  let startedWith = 0;
  return {
    line(text: string) {
      if (!text.includes('"msg":"history"')) return;
      const step = JSON.parse(text) as { sent: number; total: number; cases: number };
      if (total === null) bar.start(step.total, 0, { cases: step.cases, days: HISTORY_DAYS });
      total = step.total;
      sent = step.sent;
    },
    /** Resolves with the number of history messages once the pipeline consumed them all. */
    async finished(): Promise<number | null> {
      startedWith = await consumedByPipeline(metricsUrl);
      while (!stopped()) {
        if (total !== null) {
          const consumed = Math.min(total, (await consumedByPipeline(metricsUrl)) - startedWith);
          bar.update(Math.max(0, consumed));
          if (sent >= total && consumed >= total) {
            bar.stop();
            return total;
          }
        }
        await sleep(300);
      }
      bar.stop();
      return null;
    },
  };
}

let running: Demo | null = null;

async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const password = config.DEMO_PASSWORD ?? randomBytes(9).toString('base64url');
  const demo = new Demo(config, password);
  running = demo;
  let onStop: ((reason: string) => void) | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    if (demo.stopped) return;
    if (onStop) onStop(signal);
    else {
      demo.exitCode = 130;
      void demo.stop(signal);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // npm runs this under `sh -c`; should the shell die first (npm's own SIGINT), stop all the same
  const parent = process.ppid;
  const orphaned = setInterval(() => {
    if (process.ppid !== parent) onSignal('SIGHUP');
  }, 1000);
  orphaned.unref();

  await demo.infrastructure();
  if (demo.stopped) return demo.exitCode;
  onStop = (reason) => {
    demo.exitCode = 130;
    void demo.stop(reason);
  };

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_NAME: config.DATABASE_NAME,
    KAFKA_BROKERS: demo.brokers,
    DEMO_SEED_USERS: 'true',
    DEMO_PASSWORD: password,
    // the actors log in as 14 users from this address; the wall's users must still get in
    LOGIN_THROTTLE_PER_ADDRESS: process.env.LOGIN_THROTTLE_PER_ADDRESS ?? '200',
    FORCE_COLOR: '0',
  };
  const wall = `http://127.0.0.1:${config.CONSOLE_HTTP_PORT}/`;
  demo.start({ name: 'pipeline', entry: 'dist/apps/pipeline/src/main.js', args: [] }, env);
  demo.start({ name: 'console', entry: 'dist/apps/console/src/main.js', args: [] }, env);
  const [pipelineUp, consoleUp] = await Promise.all([
    healthy(`http://127.0.0.1:${config.PIPELINE_HTTP_PORT}/health`, () => demo.stopped),
    healthy(`${wall}health`, () => demo.stopped),
  ]);
  if (demo.stopped) return (await demo.done, demo.exitCode);
  if (!pipelineUp || !consoleUp) {
    status(`the ${pipelineUp ? 'console' : 'pipeline'} did not become healthy in 2 minutes`);
    demo.exitCode = 1;
    await demo.stop('not healthy');
    return demo.exitCode;
  }
  status(`pipeline and console started (logs: ${demo.logFile('pipeline')}, ${demo.logFile('console')})`);
  const mailbox = new DemoMailbox(path.join(demo.logDir, 'mailbox.log'));
  demo.onStop(() => mailbox.stop());
  await mailbox.start();
  await mailbox.configure(wall, password);
  status(
    `email, robot and SMS notifications of scjgj, zjj and gaj go to the demo mailbox (log: ${demo.logFile('mailbox')})`,
  );

  const progress = historyProgress(
    `http://127.0.0.1:${config.PIPELINE_HTTP_PORT}/metrics`,
    () => demo.stopped,
  );
  const historyLoaded = progress.finished();
  demo.start(
    {
      name: 'simulator',
      entry: 'dist/apps/simulator/src/main.js',
      args: [
        'demo',
        '--history-days',
        String(HISTORY_DAYS),
        '--history-cases',
        String(HISTORY_CASES),
        '--irregular-share',
        '0.25',
        '--malformed-share',
        '0.002',
        '--duplicate-share',
        '0.01',
        '--factor',
        String(COMPRESSION),
        '--rate',
        String(LIVE_RATE),
      ],
    },
    env,
    (line) => progress.line(line),
  );
  const loaded = await historyLoaded;
  if (loaded === null) return (await demo.done, demo.exitCode);
  status(
    `history loaded; live traffic: new cases ${COMPRESSION}× faster, a working day a minute (log: ${demo.logFile('simulator')})`,
  );
  demo.start(
    {
      name: 'actors',
      entry: 'dist/apps/simulator/src/main.js',
      args: [
        'actors',
        '--console',
        wall,
        '--interval',
        String(ACTORS_INTERVAL_S),
        '--max-actions',
        String(ACTORS_MAX_ACTIONS),
        '--factor',
        String(COMPRESSION),
      ],
    },
    env,
  );
  status(
    `departments answer and the supervisor closes signals through the REST API (log: ${demo.logFile('actors')})`,
  );

  process.stdout.write(
    `\n${box([
      '电子监察 demo is running · Ctrl-C stops everything it started',
      '',
      `alarm wall   ${wall}`,
      `REST API     ${wall}api/docs`,
      `logs         ${path.relative(process.cwd(), demo.logDir) || '.'}/`,
      `mailbox      ${demo.logFile('mailbox')} (email, DingTalk, WeCom, SMS)`,
      '',
      'users        jiancha        监察员 supervisor',
      '             shenji         审计员 auditor',
      '             admin          系统管理员 administrator',
      '             officer-scjgj  市场监管局 officer (one per department: officer-<id>)',
      `password     ${password}`,
    ])}\n\n`,
  );
  await demo.done;
  return demo.exitCode;
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
    await running?.stop('error');
    process.exit(1);
  },
);
