// The offline replay command (docs/replay-command.md). The events file is read once, in chunks of
// whole lines that the replay's threads validate (`parseEvent`) as they come; what is kept is the
// bytes themselves (shared memory when the threads are workers) and 32 bytes of numbers per valid
// event. Then the valid events are put in occurredAt order (replay-plan.ts) and every thread replays
// its share of the cases from those bytes (replay-shard.ts). Cases that share a receipt number or a
// penalty peer group stay on one thread, so together the threads raise exactly what one engine
// over the whole file raises.
import { once } from 'node:events';
import { createWriteStream, statSync, type WriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import { buildCatalogIndex, catalogWarnings, CatalogError, loadCatalogDirectory } from '@app/catalog';
import { LEVELS, parseInstant, type ApprovalEvent, type Level, type Signal } from '@app/contracts';
import { compareSignals } from '@app/rules';
import { EXIT_BAD_INPUT, EXIT_OK, type CommandIo } from './command-io';
import { parseCommandLine } from './command-line';
import { readLineChunks, type ChunkReading, type LineChunk } from './event-lines';
import { concatEvents, planReplay, type FileEvents, type ReplayPlan } from './replay-plan';
import { InThread, utf8Text, type ChunkValidation } from './replay-shard';
import {
  startWorkers,
  threadsFor,
  type InWorker,
  type ReplayCatalog,
  type ReplayThread,
  type ThreadChoice,
} from './replay-threads';

export { EXIT_BAD_INPUT, EXIT_OK };

export interface ReplayOptions {
  events: string;
  catalog: string;
  until?: number;
  out?: string;
}

/** Files at least this large get a progress bar (on a terminal). */
const PROGRESS_MIN_BYTES = 8 * 1024 * 1024;

class BadArgument extends Error {}

function instantArgument(text: string): number {
  const instant = parseInstant(text);
  if (Number.isNaN(instant))
    throw new InvalidArgumentError(
      'must be an RFC 3339 date-time with offset, e.g. 2026-10-01T00:00:00+08:00',
    );
  return instant;
}

function replayProgram(): Command {
  return new Command('replay')
    .description(
      'Replays an events file through the supervision rules and prints the signals (docs/replay-command.md).',
    )
    .requiredOption('--events <file>', 'events, one JSON object per line')
    .requiredOption('--catalog <dir>', 'catalogue directory (docs/catalogue.md)')
    .option(
      '--until <instant>',
      'final watermark, RFC 3339 with offset (default: the latest occurredAt)',
      instantArgument,
    )
    .option('--out <file>', 'where the signals go, one JSON object per line (default: stdout)');
}

interface Counts {
  read: number;
  invalid: number;
}

/** What the replay can be tuned with (tests, `main.ts`); by default it picks for itself. */
export interface ReplayTuning extends ThreadChoice {
  /** Workers already started for this run (`startWorkers`); the command closes them. */
  workers?: InWorker[];
  /** Bytes a chunk of the file holds at least. */
  chunkBytes?: number;
}

const CHUNK_BYTES = 2 * 1024 * 1024;

/**
 * The replay command. Returns the exit code: 0 when the run completed (invalid lines included),
 * 2 for bad arguments or a bad catalogue (before any event is read).
 */
export async function runReplay(
  argv: readonly string[],
  io: CommandIo,
  tuning: ReplayTuning = {},
): Promise<number> {
  let threads: Threads | undefined;
  try {
    const parsed = parseCommandLine<ReplayOptions>(replayProgram(), argv, io);
    if ('exitCode' in parsed) return parsed.exitCode;
    const { options } = parsed;
    const say = (line: string) => io.stderr.write(`${line}\n`);
    // the workers start while the catalogue loads; no event is read before the catalogue is accepted
    threads = startThreads(options.events, tuning);
    return await replayFile(options, io, threads, tuning, say);
  } finally {
    const started = threads?.list ?? tuning.workers ?? [];
    await Promise.all(started.map((thread) => thread.close()));
  }
}

interface Threads {
  list: ReplayThread[];
  /** Whether they are worker threads (the file is then read into shared memory). */
  inWorkers: boolean;
}

function startThreads(events: string, tuning: ReplayTuning): Threads {
  const workers = tuning.workers ?? startWorkers(events, tuning);
  if (workers.length > 0) return { list: workers, inWorkers: true };
  const { count } = threadsFor(events, tuning);
  return { list: Array.from({ length: count }, () => new InThread()), inWorkers: false };
}

async function replayFile(
  options: ReplayOptions,
  io: CommandIo,
  threads: Threads,
  tuning: ReplayTuning,
  say: (line: string) => void,
): Promise<number> {
  let catalog: ReplayCatalog;
  let warningsFor: (years: number[]) => string[];
  try {
    const data = await loadCatalogDirectory(options.catalog);
    catalog = { data, index: buildCatalogIndex(data) };
    warningsFor = (years) => catalogWarnings(data, { years });
    checkReadable(options.events);
  } catch (error) {
    if (error instanceof CatalogError) {
      say(`replay: catalogue ${options.catalog} rejected:\n${error.message}`);
      return EXIT_BAD_INPUT;
    }
    if (error instanceof BadArgument) {
      say(`replay: ${error.message}`);
      return EXIT_BAD_INPUT;
    }
    throw error;
  }

  let out: WriteStream | undefined;
  if (options.out !== undefined) {
    try {
      out = await openOutput(options.out);
    } catch (error) {
      say(`replay: cannot write --out ${options.out}: ${(error as Error).message}`);
      return EXIT_BAD_INPUT;
    }
  }

  const size = statSync(options.events).size;
  const showProgress = io.stderrIsTTY && size >= PROGRESS_MIN_BYTES;
  const counts: Counts = { read: 0, invalid: 0 };
  const { chunks, events } = await validateFile(
    options.events,
    threads.list,
    { chunkBytes: tuning.chunkBytes ?? CHUNK_BYTES, shared: threads.inWorkers },
    showProgress ? progressBar(true, io, size, 'reading bytes') : undefined,
    counts,
    say,
  );
  const latest = events.instant.reduce((max, instant) => Math.max(max, instant), -Infinity);
  const until = options.until ?? latest;
  for (const warning of warningsFor(yearsBetween(events.instant, until))) say(`replay: warning: ${warning}`);

  const eventIdAt = (index: number): string => {
    const start = events.offset[index] as number;
    const bytes = (chunks[events.chunk[index] as number] as LineChunk).bytes;
    return (JSON.parse(utf8Text(bytes, start, start + (events.length[index] as number))) as ApprovalEvent)
      .eventId;
  };
  const plan = planReplay(events, until, threads.list.length, eventIdAt);
  const { signals, stats } = await replayEvents(
    threads.list,
    catalog,
    chunks,
    plan,
    until,
    showProgress ? progressBar(true, io, plan.applied, 'replaying events') : undefined,
  );
  await Promise.all(threads.list.map((thread) => thread.close()));
  signals.sort(compareSignals);
  await writeSignals(signals, out ?? io.stdout);
  if (out) {
    out.end();
    await once(out, 'finish');
  }
  summarize(stats, counts, signals, say);
  return EXIT_OK;
}

function checkReadable(path: string): void {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch (error) {
    throw new BadArgument(`cannot read --events ${path}: ${(error as Error).message}`);
  }
  if (!isFile) throw new BadArgument(`--events ${path} is not a file`);
}

async function openOutput(path: string): Promise<WriteStream> {
  const stream = createWriteStream(path);
  await once(stream, 'open');
  return stream;
}

function progressBar(show: boolean, io: CommandIo, total: number, label: string): SingleBar | undefined {
  if (!show) return undefined;
  const bar = new SingleBar({
    stream: io.stderr as NodeJS.WriteStream,
    format: `${label} [{bar}] {percentage}% | {value}/{total}`,
    hideCursor: true,
    clearOnComplete: true,
  });
  bar.start(total, 0);
  return bar;
}

/** Chunks handed to a thread before it answered the earlier ones: enough to keep it busy. */
const CHUNKS_IN_FLIGHT = 2;

/**
 * The one read of the file: chunk by chunk, each validated by the least busy thread; invalid lines
 * are reported in file order as soon as every chunk before theirs is done.
 */
async function validateFile(
  path: string,
  threads: readonly ReplayThread[],
  reading: ChunkReading,
  bar: SingleBar | undefined,
  counts: Counts,
  say: (line: string) => void,
): Promise<{ chunks: LineChunk[]; events: FileEvents }> {
  const chunks: LineChunk[] = [];
  const validations: ChunkValidation[] = [];
  const queue: LineChunk[] = [];
  const busy = new Array<number>(threads.length).fill(0);
  const running: Promise<void>[] = [];
  let failure: Error | undefined;
  let reported = 0;
  let lineBase = 0;
  let bytesDone = 0;

  const report = (validation: ChunkValidation) => {
    validations[validation.index] = validation;
    bytesDone += (chunks[validation.index] as LineChunk).bytes.length;
    bar?.update(bytesDone);
    for (let next = validations[reported]; next !== undefined; next = validations[reported]) {
      counts.read += next.read;
      counts.invalid += next.invalid.length;
      for (const { line, reason } of next.invalid) {
        bar?.stop();
        say(`line ${lineBase + line}: ${reason}`);
      }
      lineBase += next.lines;
      reported += 1;
    }
  };
  const dispatch = () => {
    for (let thread = 0; thread < threads.length && queue.length > 0; thread += 1) {
      while ((busy[thread] as number) < CHUNKS_IN_FLIGHT && queue.length > 0) {
        const chunk = queue.shift() as LineChunk;
        busy[thread] = (busy[thread] as number) + 1;
        running.push(
          (threads[thread] as ReplayThread).validate(chunk).then(
            (validation) => {
              busy[thread] = (busy[thread] as number) - 1;
              report(validation);
              dispatch();
            },
            (error: unknown) => {
              failure ??= error instanceof Error ? error : new Error(String(error));
            },
          ),
        );
      }
    }
  };

  await readLineChunks(path, reading, (chunk) => {
    chunks.push(chunk);
    queue.push(chunk);
    dispatch();
  });
  // every chunk read is dispatched or queued; wait until the queue drains and all answered
  for (let settled = 0; settled < running.length; settled += 1) await running[settled];
  if (failure !== undefined) throw failure;
  if (queue.length > 0 || reported < chunks.length) throw new Error('replay: chunks left unvalidated');
  bar?.stop();
  return { chunks, events: concatEvents(validations) };
}

/** The years the replay spans, for the calendar-coverage warning. */
function yearsBetween(instants: Float64Array, until: number): number[] {
  if (instants.length === 0) return [];
  const earliest = instants.reduce((min, instant) => Math.min(min, instant), Infinity);
  const first = new Date(earliest).getUTCFullYear();
  const last = new Date(Math.max(until, earliest)).getUTCFullYear();
  const years: number[] = [];
  for (let year = first; year <= last; year += 1) years.push(year);
  return years;
}

interface ReplayStats {
  events: number;
  duplicates: number;
  cases: number;
  afterUntil: number;
}

/** The threads replay their shares at once (each case on one thread); then the signals are merged. */
async function replayEvents(
  threads: readonly ReplayThread[],
  catalog: ReplayCatalog,
  chunks: readonly LineChunk[],
  plan: ReplayPlan,
  until: number,
  bar: SingleBar | undefined,
): Promise<{ signals: Signal[]; stats: ReplayStats }> {
  const progress = new Array<number>(threads.length).fill(0);
  const results = await Promise.all(
    plan.shards.map((events, thread) =>
      (threads[thread] as ReplayThread).replay(catalog, chunks, events, until, (replayed) => {
        progress[thread] = replayed;
        bar?.update(progress.reduce((sum, n) => sum + n, 0));
      }),
    ),
  );
  bar?.stop();
  const signals: Signal[] = [];
  const stats: ReplayStats = {
    events: 0,
    duplicates: plan.duplicates,
    cases: 0,
    afterUntil: plan.afterUntil,
  };
  for (const result of results) {
    for (const signal of result.signals) signals.push(signal);
    stats.events += result.events;
    stats.cases += result.cases;
  }
  return { signals, stats };
}

async function writeSignals(signals: readonly Signal[], stream: Writable): Promise<void> {
  const BATCH = 2000;
  for (let start = 0; start < signals.length; start += BATCH) {
    let chunk = '';
    for (const signal of signals.slice(start, start + BATCH)) chunk += `${JSON.stringify(signal)}\n`;
    if (!stream.write(chunk)) await once(stream, 'drain');
  }
}

function summarize(
  stats: ReplayStats,
  counts: Counts,
  signals: readonly Signal[],
  say: (line: string) => void,
): void {
  const byLevel = new Map<Level, number>(LEVELS.map((level) => [level, 0]));
  for (const signal of signals) byLevel.set(signal.level, (byLevel.get(signal.level) ?? 0) + 1);
  const { duplicates, events, cases, afterUntil } = stats;
  say(
    `replay: events read ${counts.read}, invalid ${counts.invalid}, duplicates ${duplicates}` +
      (afterUntil > 0 ? `, after --until ${afterUntil}` : '') +
      `, applied ${events} in ${cases} cases`,
  );
  say(
    `replay: signals ${signals.length}: ${LEVELS.map((level) => `${level} ${byLevel.get(level) ?? 0}`).join(', ')}`,
  );
}
