import { once } from 'node:events';
import { createWriteStream, statSync, type WriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { SingleBar } from 'cli-progress';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { buildCatalogIndex, catalogWarnings, CatalogError, loadCatalogDirectory } from '@app/catalog';
import {
  LEVELS,
  parseEvent,
  parseInstant,
  type ApprovalEvent,
  type Level,
  type Signal,
} from '@app/contracts';
import { compareSignals, ReplayEngine } from '@app/rules';
import { isBlank, LineFetcher, readEventLines } from './event-lines';

/** Where the command writes; the real process streams, or buffers in tests. */
export interface ReplayIo {
  stdout: Writable;
  stderr: Writable;
  /** Whether stderr is a terminal (the progress bar shows only then). */
  stderrIsTTY: boolean;
}

export interface ReplayOptions {
  events: string;
  catalog: string;
  until?: number;
  out?: string;
}

/** Files at least this large get a progress bar (on a terminal). */
const PROGRESS_MIN_BYTES = 8 * 1024 * 1024;

/** Exit codes of `docs/replay-command.md`. */
export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 2;

class BadArgument extends Error {}

function instantArgument(text: string): number {
  const instant = parseInstant(text);
  if (Number.isNaN(instant))
    throw new InvalidArgumentError(
      'must be an RFC 3339 date-time with offset, e.g. 2026-10-01T00:00:00+08:00',
    );
  return instant;
}

function parseArguments(argv: readonly string[], io: ReplayIo): ReplayOptions {
  const program = new Command('replay')
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
    .option('--out <file>', 'where the signals go, one JSON object per line (default: stdout)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  program.parse([...argv], { from: 'user' });
  return program.opts<ReplayOptions>();
}

/**
 * The valid events of the first pass, kept as numbers only (24 bytes an event): instant, byte
 * offset and length of the line. The second pass reads the lines back in sorted order.
 */
interface EventIndex {
  instants: number[];
  offsets: number[];
  lengths: number[];
}

interface Counts {
  read: number;
  invalid: number;
  afterUntil: number;
}

/**
 * The replay command. Returns the exit code: 0 when the run completed (invalid lines included),
 * 2 for bad arguments or a bad catalogue (before any event is read).
 */
export async function runReplay(argv: readonly string[], io: ReplayIo): Promise<number> {
  let options: ReplayOptions;
  try {
    options = parseArguments(argv, io);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
    throw error;
  }
  const say = (line: string) => io.stderr.write(`${line}\n`);

  let engine: ReplayEngine;
  let warningsFor: (years: number[]) => string[];
  try {
    const data = await loadCatalogDirectory(options.catalog);
    engine = new ReplayEngine(buildCatalogIndex(data));
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

  const counts: Counts = { read: 0, invalid: 0, afterUntil: 0 };
  const showProgress = io.stderrIsTTY && statSync(options.events).size >= PROGRESS_MIN_BYTES;
  const index = await indexEvents(options.events, showProgress, io, counts, say);
  const order = stableOrder(index.instants);
  const latest = index.instants.reduce((max, instant) => Math.max(max, instant), -Infinity);
  const until = options.until ?? latest;
  for (const warning of warningsFor(yearsBetween(index.instants, until))) say(`replay: warning: ${warning}`);

  const signals = replayEvents(
    engine,
    options.events,
    index,
    order,
    until,
    counts,
    showProgress ? io : undefined,
  );
  signals.sort(compareSignals);
  await writeSignals(signals, out ?? io.stdout);
  if (out) {
    out.end();
    await once(out, 'finish');
  }
  summarize(engine, counts, signals, say);
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

function progressBar(show: boolean, io: ReplayIo, total: number, label: string): SingleBar | undefined {
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

/** First pass: validates every line, reports the invalid ones, indexes the valid ones. */
async function indexEvents(
  path: string,
  showProgress: boolean,
  io: ReplayIo,
  counts: Counts,
  say: (line: string) => void,
): Promise<EventIndex> {
  const bar = progressBar(showProgress, io, statSync(path).size, 'reading bytes');
  const index: EventIndex = { instants: [], offsets: [], lengths: [] };
  for await (const { lineNumber, offset, bytes } of readEventLines(path, (total) => bar?.update(total))) {
    if (isBlank(bytes)) continue;
    counts.read += 1;
    const result = parseEvent(bytes);
    if (!result.ok) {
      counts.invalid += 1;
      bar?.stop();
      say(`line ${lineNumber}: ${result.reason}`);
      continue;
    }
    index.instants.push(parseInstant(result.event.occurredAt));
    index.offsets.push(offset);
    index.lengths.push(bytes.length);
  }
  bar?.stop();
  return index;
}

/** Indices by occurredAt; equal instants keep file order (a stable sort). */
function stableOrder(instants: readonly number[]): Uint32Array {
  const order = new Uint32Array(instants.length);
  for (let index = 0; index < order.length; index += 1) order[index] = index;
  return order.sort((a, b) => (instants[a] as number) - (instants[b] as number) || a - b);
}

/** The years the replay spans, for the calendar-coverage warning. */
function yearsBetween(instants: readonly number[], until: number): number[] {
  if (instants.length === 0) return [];
  const earliest = instants.reduce((min, instant) => Math.min(min, instant), Infinity);
  const first = new Date(earliest).getUTCFullYear();
  const last = new Date(Math.max(until, earliest)).getUTCFullYear();
  const years: number[] = [];
  for (let year = first; year <= last; year += 1) years.push(year);
  return years;
}

/** Second pass: the events in stable occurredAt order through the engine, then the final watermark. */
function replayEvents(
  engine: ReplayEngine,
  path: string,
  index: EventIndex,
  order: Uint32Array,
  until: number,
  counts: Counts,
  progressIo: ReplayIo | undefined,
): Signal[] {
  const signals: Signal[] = [];
  const bar = progressIo && progressBar(true, progressIo, order.length, 'replaying events');
  const lines = new LineFetcher(path);
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let done = 0;
  try {
    for (const position of order) {
      done += 1;
      if (bar && done % 10_000 === 0) bar.update(done);
      const instant = index.instants[position] as number;
      if (instant > until) {
        counts.afterUntil += 1;
        continue;
      }
      // validated in the first pass
      const bytes = lines.fetch(index.offsets[position] as number, index.lengths[position] as number);
      const event = JSON.parse(utf8.decode(bytes)) as ApprovalEvent;
      for (const signal of engine.ingest(event, instant)) signals.push(signal);
    }
  } finally {
    lines.close();
  }
  for (const signal of engine.advanceTo(until)) signals.push(signal);
  bar?.stop();
  return signals;
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
  engine: ReplayEngine,
  counts: Counts,
  signals: readonly Signal[],
  say: (line: string) => void,
): void {
  const byLevel = new Map<Level, number>(LEVELS.map((level) => [level, 0]));
  for (const signal of signals) byLevel.set(signal.level, (byLevel.get(signal.level) ?? 0) + 1);
  const { duplicates, events, cases } = engine.stats;
  say(
    `replay: events read ${counts.read}, invalid ${counts.invalid}, duplicates ${duplicates}` +
      (counts.afterUntil > 0 ? `, after --until ${counts.afterUntil}` : '') +
      `, applied ${events} in ${cases} cases`,
  );
  say(
    `replay: signals ${signals.length}: ${LEVELS.map((level) => `${level} ${byLevel.get(level) ?? 0}`).join(', ')}`,
  );
}
