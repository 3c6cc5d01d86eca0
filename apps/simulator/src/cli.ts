/** The simulator's command line (see main.ts). */
import { Command, InvalidArgumentError, Option } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import pino from 'pino';
import { CatalogError, loadCatalogDirectory } from '@app/catalog';
import { AppConfig, configFromEnvironment, createKafka, SystemClock } from '@app/platform';
import { runBackfill } from './modes/backfill-run';
import { parseStart, runPaced } from './modes/paced-run';
import type { EventSink } from './sinks/event-sink';
import { JsonlFileSink } from './sinks/jsonl-file-sink';
import { KafkaEventSink } from './sinks/kafka-event-sink';
import { Backfill } from './traffic/backfill';
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
  const sink = await openSink(options, config);
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
    await sink.close();
  }
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
  const runTag = new Random((options.seed ^ Math.floor(startedAt / 1000)) >>> 0).token(4);
  const source = new TrafficSource(await sourceOptions(options, runTag));
  const sink = await openSink(options, config);
  const controller = abortOnSignals();
  let lastReport = 0;
  try {
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
      onTick: (progress) => {
        if (progress.wallElapsedMs - lastReport < 10_000) return;
        lastReport = progress.wallElapsedMs;
        process.stderr.write(
          `${new Date(progress.simulatedNow).toISOString()} cases ${progress.casesStarted}, events sent ${progress.eventsSent}, pending ${progress.pending}\n`,
        );
      },
    });
    printSummary(stats);
  } finally {
    await sink.close();
  }
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
