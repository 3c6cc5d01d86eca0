/** The simulator's command line (see main.ts). */
import { Command, InvalidArgumentError, Option } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import pino from 'pino';
import { CatalogError, loadCatalogDirectory } from '@app/catalog';
import { AppConfig, configFromEnvironment, createKafka, SystemClock } from '@app/platform';
import { DemoActors, HttpConsoleClient, runActors, sleepUnlessAborted } from './actors';
import { runBackfill } from './modes/backfill-run';
import { runDemo } from './modes/demo-run';
import { parseStart, runPaced } from './modes/paced-run';
import type { EventSink } from './sinks/event-sink';
import { JsonlFileSink } from './sinks/jsonl-file-sink';
import { KafkaEventSink } from './sinks/kafka-event-sink';
import { Backfill } from './traffic/backfill';
import { COMPRESSIBLE_IRREGULARITIES } from './traffic/irregularities';
import { Random } from './traffic/random';
import { TrafficSource, TrafficSourceOptions, TrafficStats } from './traffic/traffic-source';

interface CommonOptions {
  catalog: string;
  seed: number;
  cases?: number;
  irregularShare: number;
  penaltyShare: number;
  malformedShare: number;
  duplicateShare: number;
  out?: string;
  topic: string;
  runTag?: string;
}

class UsageError extends Error {}

function integer(minimum: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < minimum)
      throw new InvalidArgumentError(`must be an integer >= ${minimum}`);
    return value;
  };
}

function share(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || value > 1)
    throw new InvalidArgumentError('must be a number from 0 to 1');
  return value;
}

function positive(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new InvalidArgumentError('must be a positive number');
  return value;
}

function localDate(text: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new InvalidArgumentError('must be a date YYYY-MM-DD');
  return text;
}

function withCommonOptions(command: Command, config: AppConfig): Command {
  return command
    .option('--catalog <dir>', 'catalogue directory', config.CATALOG_DIR)
    .option('--seed <n>', 'seed: the same seed gives the same traffic', integer(0), 1)
    .option('--cases <n>', 'number of cases to start', integer(1))
    .option('--irregular-share <x>', 'share of cases with one irregularity', share, 0.1)
    .option('--penalty-share <x>', 'share of penalty cases', share, 0.15)
    .option('--malformed-share <x>', 'share of all messages that are malformed', share, 0)
    .option('--duplicate-share <x>', 'share of valid events sent twice', share, 0)
    .option('--out <file.jsonl>', 'write JSONL to a file ("-" for stdout) instead of Kafka')
    .option('--topic <name>', 'Kafka topic', config.TOPIC_APPROVAL_EVENTS)
    .option('--run-tag <tag>', 'tag inside case ids, to tell runs apart (default from the seed)');
}

function pacedOptions(command: Command, config: AppConfig): Command {
  return command
    .addOption(
      new Option('--rate <n>', 'valid events per second, overall')
        .argParser(positive)
        .default(config.SIMULATOR_RATE),
    )
    .option('--duration <seconds>', 'stop after this many seconds', positive);
}

async function openSink(options: CommonOptions, config: AppConfig): Promise<EventSink> {
  if (options.out === '-') return JsonlFileSink.toStream(process.stdout);
  if (options.out) return JsonlFileSink.toFile(options.out);
  const logger = pino({ level: config.LOG_LEVEL, base: { app: 'simulator' } }, pino.destination(2));
  return KafkaEventSink.connect(createKafka(config, 'simulator', logger), options.topic);
}

/** Runs `send` with the sink of the options, and closes the sink however `send` ends. */
async function withSink<T>(
  options: CommonOptions,
  config: AppConfig,
  send: (sink: EventSink) => Promise<T>,
): Promise<T> {
  const sink = await openSink(options, config);
  try {
    return await send(sink);
  } finally {
    await sink.close();
  }
}

async function sourceOptions(options: CommonOptions, runTag?: string): Promise<TrafficSourceOptions> {
  const catalog = await loadCatalogDirectory(options.catalog);
  return {
    catalog,
    seed: options.seed,
    irregularShare: options.irregularShare,
    penaltyShare: options.penaltyShare,
    malformedShare: options.malformedShare,
    duplicateShare: options.duplicateShare,
    ...((options.runTag ?? runTag) ? { runTag: options.runTag ?? runTag } : {}),
  };
}

function printSummary(stats: TrafficStats): void {
  const irregular = Object.entries(stats.byIrregularity)
    .sort(([, a], [, b]) => b - a)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
  const messages = Object.entries(stats.messages)
    .map(([label, count]) => `${label} ${count}`)
    .join(', ');
  process.stderr.write(
    `cases ${stats.cases} (irregular ${stats.irregularCases}); messages: ${messages || 'none'}\n` +
      (irregular ? `irregularities: ${irregular}\n` : ''),
  );
}

function abortOnSignals(): AbortController {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller;
}

/** A run tag from the seed and a time bucket: runs of one seed in different buckets never share case ids. */
function runTagAt(seed: number, bucket: number, length: number): string {
  return new Random((seed ^ bucket) >>> 0).token(length);
}

/** Passes a progress tick on to `report` at most once every `intervalMs` of wall time. */
function everyWallInterval<P extends { wallElapsedMs: number }>(
  intervalMs: number,
  report: (progress: P) => void,
): (progress: P) => void {
  let lastReport = 0;
  return (progress) => {
    if (progress.wallElapsedMs - lastReport < intervalMs) return;
    lastReport = progress.wallElapsedMs;
    report(progress);
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function backfill(
  options: CommonOptions & { from: string; to: string },
  config: AppConfig,
): Promise<void> {
  const plan = new Backfill({
    ...(await sourceOptions(options)),
    from: options.from,
    to: options.to,
    cases: options.cases ?? 1000,
  });
  await withSink(options, config, async (sink) => {
    const bar = new SingleBar(
      {
        stream: process.stderr,
        format: 'backfill [{bar}] {percentage}% | {value}/{total} cases | ETA {eta_formatted}',
      },
      Presets.shades_classic,
    );
    bar.start(plan.starts.length, 0);
    const controller = abortOnSignals();
    try {
      await runBackfill({
        backfill: plan,
        sink,
        onProgress: (cases) => bar.update(cases),
        signal: controller.signal,
      });
    } finally {
      bar.stop();
    }
  });
  printSummary(plan.source.stats);
}

async function paced(
  options: CommonOptions & {
    rate: number;
    duration?: number;
    factor: number;
    start?: string;
    warmupDays?: number;
    warmupCases?: number;
  },
  config: AppConfig,
): Promise<void> {
  const clock = new SystemClock();
  const startedAt = clock.now();
  // live runs of one seed on different days must not reuse case ids
  const runTag = runTagAt(options.seed, Math.floor(startedAt / 1000), 4);
  const source = new TrafficSource(await sourceOptions(options, runTag));
  await withSink(options, config, async (sink) => {
    const controller = abortOnSignals();
    const stats = await runPaced({
      source,
      sink,
      clock,
      sleep,
      factor: options.factor,
      rate: options.rate,
      ...(options.start ? { simulatedStart: parseStart(options.start) } : {}),
      ...(options.cases !== undefined ? { maxCases: options.cases } : {}),
      ...(options.duration !== undefined ? { durationMs: options.duration * 1000 } : {}),
      ...(options.warmupDays
        ? { warmup: { days: options.warmupDays, cases: options.warmupCases ?? 500, seed: options.seed } }
        : {}),
      signal: controller.signal,
      onTick: everyWallInterval(10_000, (progress) => {
        process.stderr.write(
          `${new Date(progress.simulatedNow).toISOString()} cases ${progress.casesStarted}, events sent ${progress.eventsSent}, pending ${progress.pending}\n`,
        );
      }),
    });
    printSummary(stats);
  });
}

interface DemoOptions extends CommonOptions {
  historyDays: number;
  historyCases: number;
  factor: number;
  rate: number;
  liveIrregularShare: number;
  duration?: number;
}

/**
 * `npm run demo`'s traffic (modes/demo-run.ts). Progress goes to stdout as JSON lines
 * (`msg: "history"` with sent/total while the history loads, `msg: "live"` every 30 s), which the
 * demo launcher turns into a progress bar and writes to its log file.
 */
async function demo(options: DemoOptions, config: AppConfig): Promise<void> {
  const clock = new SystemClock();
  const catalog = await sourceOptions(options);
  const history = new TrafficSource({
    ...catalog,
    runTag: options.runTag ?? `H${runTagAt(options.seed, Math.floor(clock.now() / 86_400_000), 3)}`,
  });
  const live = new TrafficSource({
    ...catalog,
    seed: options.seed + 1,
    runTag: `L${runTagAt(options.seed, Math.floor(clock.now() / 1000), 3)}`,
    irregularShare: options.liveIrregularShare,
    irregularities: COMPRESSIBLE_IRREGULARITIES,
    malformedShare: 0,
  });
  await withSink(options, config, async (sink) => {
    const progress = pino({ level: 'info', base: { app: 'simulator' } }, pino.destination(1));
    const controller = abortOnSignals();
    const result = await runDemo({
      history,
      live,
      sink,
      clock,
      sleep,
      historyDays: options.historyDays,
      historyCases: options.historyCases,
      historySeed: options.seed,
      factor: options.factor,
      rate: options.rate,
      ...(options.duration !== undefined ? { durationMs: options.duration * 1000 } : {}),
      signal: controller.signal,
      onHistory: (step) => progress.info(step, 'history'),
      onTick: everyWallInterval(30_000, (step) => progress.info(step, 'live')),
    });
    progress.info({ ...result, history: history.stats, live: live.stats }, 'demo traffic stopped');
  });
}

interface ActorsOptions {
  console: string;
  factor: number;
  interval: number;
  maxActions: number;
  catalog: string;
  seed: number;
}

/**
 * The demo's people (actors/): department officers and a supervisor acting on signals through the
 * console's REST API, every `--interval` seconds, until SIGINT or SIGTERM. Ages count calendar
 * days, so a weekend demo keeps moving.
 */
async function actors(options: ActorsOptions, config: AppConfig): Promise<void> {
  if (config.DEMO_PASSWORD === undefined)
    throw new UsageError('simulator actors logs in as the demo users: set DEMO_PASSWORD, as for the console');
  const catalog = await loadCatalogDirectory(options.catalog);
  const logger = pino(
    { level: config.LOG_LEVEL, base: { app: 'simulator', mode: 'actors' } },
    pino.destination(1),
  );
  const clock = new SystemClock();
  const demoActors = new DemoActors({
    client: new HttpConsoleClient({ baseUrl: options.console, password: config.DEMO_PASSWORD }),
    supervisor: 'jiancha',
    officers: new Map(catalog.departments.map((department) => [department.id, `officer-${department.id}`])),
    random: new Random(options.seed).fork('actors'),
    clock: () => clock.now(),
    maxActionsPerRound: options.maxActions,
    ...(options.factor > 1 ? { compression: { since: clock.now(), factor: options.factor } } : {}),
  });
  const controller = abortOnSignals();
  const summary = await runActors({
    actors: demoActors,
    intervalMs: options.interval * 1000,
    signal: controller.signal,
    sleep: sleepUnlessAborted,
    clock: () => clock.now(),
    onRound: ({ failures, ...counts }, round) =>
      logger.info(
        { round, ...counts, failureCount: failures.length, failures: failures.slice(0, 3) },
        'actors round',
      ),
    onError: (error, round) =>
      logger.warn({ round, err: error }, 'actors round failed; trying again next round'),
  });
  logger.info(summary, 'actors stopped');
}

export function buildProgram(config: AppConfig): Command {
  const program = new Command('simulator')
    .description('电子监察 traffic simulator: approval events from a catalogue, to Kafka or a JSONL file')
    .showHelpAfterError()
    .exitOverride();
  withCommonOptions(program.command('backfill'), config)
    .description('a past period, as fast as possible')
    .requiredOption('--from <date>', 'first day, YYYY-MM-DD', localDate)
    .requiredOption('--to <date>', 'last day, YYYY-MM-DD (inclusive)', localDate)
    .action((options: CommonOptions & { from: string; to: string }) => backfill(options, config));
  pacedOptions(withCommonOptions(program.command('live'), config), config)
    .description('real time: events occur now, at --rate events per second')
    .option('--warmup-days <n>', 'first start cases over the past n days (sent at once)', integer(0), 0)
    .option('--warmup-cases <n>', 'number of warm-up cases', integer(0), 500)
    .action(
      (
        options: CommonOptions & { rate: number; duration?: number; warmupDays: number; warmupCases: number },
      ) => paced({ ...options, factor: 1 }, config),
    );
  pacedOptions(withCommonOptions(program.command('compress'), config), config)
    .description('compressed time: simulated time runs --factor times faster than the wall clock')
    .requiredOption('--factor <n>', 'simulated seconds per wall second', positive)
    .option('--start <date|instant>', 'simulated start (default now)')
    .action((options: CommonOptions & { rate: number; duration?: number; factor: number; start?: string }) =>
      paced(options, config),
    );
  withCommonOptions(program.command('demo'), config)
    .description(
      "npm run demo's traffic: weeks of history at once, then live cases compressed so they move at any hour",
    )
    .option('--history-days <n>', 'calendar days of history before now', integer(1), 60)
    .option('--history-cases <n>', 'cases started in the history', integer(0), 4500)
    .option('--factor <n>', 'simulated seconds of a live case per wall second', positive, 1440)
    .option('--rate <n>', 'valid events per second of the live cases', positive, 4)
    .option('--live-irregular-share <x>', 'share of live cases with one irregularity', share, 0.3)
    .option('--duration <seconds>', 'stop after this many seconds', positive)
    .action((options: DemoOptions) => demo(options, config));
  program
    .command('actors')
    .description(
      "the demo's people: department officers and a supervisor acting on signals through the console",
    )
    .option('--console <url>', "the console's address", `http://127.0.0.1:${config.CONSOLE_HTTP_PORT}`)
    .option('--interval <seconds>', 'seconds between rounds', positive, 15)
    .option('--max-actions <n>', 'lifecycle requests per round at most', integer(1), 60)
    .option(
      '--factor <n>',
      "signals raised from now on age this many times faster, like the demo's compressed live cases",
      positive,
      1,
    )
    .option('--catalog <dir>', 'catalogue directory (departments)', config.CATALOG_DIR)
    .option('--seed <n>', 'seed: the same seed acts the same way', integer(0), 1)
    .action((options: ActorsOptions) => actors(options, config));
  return program;
}

/** Parses the arguments and runs the command; sets `process.exitCode` (2 for bad arguments or catalogue). */
export async function runCli(argv: readonly string[]): Promise<void> {
  let config: AppConfig;
  try {
    config = configFromEnvironment();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  try {
    await buildProgram(config).parseAsync([...argv]);
  } catch (error) {
    const code = (error as { code?: string; exitCode?: number }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version') return;
    if (code?.startsWith('commander.')) process.exitCode = 2;
    else if (error instanceof CatalogError || error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    }
  }
}
