// The work of one replay thread (`replay-command.ts` runs one in-process, or one per worker thread):
// validate chunks of lines, then replay a share of the cases. Pure: bytes in, numbers and signals
// out, so the same functions run in the main thread and in `replay-worker.ts`.
import { parseEvent, parseInstant, type ApprovalEvent, type Signal } from '@app/contracts';
import { ReplayEngine, type RuleCatalog } from '@app/rules';
import { forEachLine, isBlank, type LineChunk } from './event-lines';
import type { ReplayCatalog, ReplayThread } from './replay-threads';

/** A line that failed validation: its number in its chunk and the reason. */
export interface InvalidLine {
  line: number;
  reason: string;
}

/**
 * What the replay keeps of a chunk's valid events, 32 bytes an event, in file order: where the line
 * is (to parse it again when it is replayed), its instant, and hashes for the duplicate check
 * (eventId) and for keeping the cases that share history on one thread (caseId; the receipt number
 * of a payment, the violation code and tier of a decision).
 */
export interface ChunkEvents {
  offset: Uint32Array;
  length: Uint32Array;
  instant: Float64Array;
  /** Two 32-bit hashes of the eventId per event: [2i], [2i + 1]. */
  idHash: Uint32Array;
  caseKey: Uint32Array;
  /** 0 when the event touches no cross-case history. */
  linkKey: Uint32Array;
}

export interface ChunkValidation {
  index: number;
  /** Lines of the chunk, blank ones included. */
  lines: number;
  /** Lines that are not blank. */
  read: number;
  invalid: InvalidLine[];
  events: ChunkEvents;
}

/** Validates every line of a chunk exactly like a Kafka message (`parseEvent`). */
export function validateChunk(index: number, bytes: Buffer): ChunkValidation {
  const invalid: InvalidLine[] = [];
  const offset: number[] = [];
  const length: number[] = [];
  const instant: number[] = [];
  const idHash: number[] = [];
  const caseKey: number[] = [];
  const linkKey: number[] = [];
  let read = 0;
  const lines = forEachLine(bytes, (line, start, end) => {
    if (isBlank(bytes, start, end)) return;
    read += 1;
    const result = parseEvent(bytes.subarray(start, end));
    if (!result.ok) {
      invalid.push({ line, reason: result.reason });
      return;
    }
    const { event } = result;
    offset.push(start);
    length.push(end - start);
    instant.push(parseInstant(event.occurredAt));
    idHash.push(hash(event.eventId, 0x811c9dc5), hash(event.eventId, 0x050c5d1f));
    caseKey.push(hash(event.caseId, 0x811c9dc5));
    linkKey.push(linkOf(event));
  });
  return {
    index,
    lines,
    read,
    invalid,
    events: {
      offset: Uint32Array.from(offset),
      length: Uint32Array.from(length),
      instant: Float64Array.from(instant),
      idHash: Uint32Array.from(idHash),
      caseKey: Uint32Array.from(caseKey),
      linkKey: Uint32Array.from(linkKey),
    },
  };
}

/**
 * The cross-case history an event reads or writes (`libs/rules`: the receipt registry of
 * FEE_DUPLICATE_RECEIPT, the peer fines of PENALTY_PEER_DEVIATION), hashed; 0 for none. Cases
 * linked this way are replayed by one engine, so they see each other's events as a single engine
 * over the whole file would.
 */
function linkOf(event: ApprovalEvent): number {
  let key: number;
  if (event.type === 'fee.paid' || event.type === 'penalty.paid')
    key = hash(event.payload.receiptNo, 0x2f8e3a1b);
  else if (event.type === 'penalty.decided')
    key = hash(`${event.payload.violationCode}\u0000${event.payload.tier}`, 0x6b43a9b5);
  else return 0;
  return key === 0 ? 1 : key;
}

/** FNV-1a over UTF-16 code units from a seed; equal texts hash equal, unequal ones rarely. */
export function hash(text: string, seed: number): number {
  let value = seed;
  for (let index = 0; index < text.length; index += 1) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193);
  }
  return value >>> 0;
}

/** A thread's share of the replay: its events, in replay order, and where their lines are. */
export interface ShardEvents {
  chunk: Uint32Array;
  offset: Uint32Array;
  length: Uint32Array;
  instant: Float64Array;
}

export interface ShardReplay {
  signals: Signal[];
  /** Events applied. */
  events: number;
  /** Cases the engine folded. */
  cases: number;
}

const BYTE_ORDER_MARK = 0xfeff;

/**
 * The text of a line already validated as UTF-8, as a UTF-8 TextDecoder reads it (a leading byte
 * order mark dropped), without the decoder's per-call cost.
 */
export function utf8Text(bytes: Buffer, start: number, end: number): string {
  const text = bytes.toString('utf8', start, end);
  return text.charCodeAt(0) === BYTE_ORDER_MARK ? text.slice(1) : text;
}

/** Events replayed between two progress reports. */
export const PROGRESS_EVERY = 10_000;

/**
 * Replays a share of the events, already validated, deduplicated and in replay order, through an
 * engine of its own, then fires every timer due at or before `until`.
 */
export function replayShard(
  catalog: RuleCatalog,
  chunks: readonly Buffer[],
  events: ShardEvents,
  until: number,
  onProgress?: (replayed: number) => void,
): ShardReplay {
  const engine = new ReplayEngine(catalog, { deduplicate: false });
  const signals: Signal[] = [];
  const count = events.instant.length;
  for (let position = 0; position < count; position += 1) {
    const bytes = chunks[events.chunk[position] as number] as Buffer;
    const start = events.offset[position] as number;
    const event = JSON.parse(
      utf8Text(bytes, start, start + (events.length[position] as number)),
    ) as ApprovalEvent;
    for (const signal of engine.ingest(event, events.instant[position] as number)) signals.push(signal);
    if (onProgress && (position + 1) % PROGRESS_EVERY === 0) onProgress(position + 1);
  }
  for (const signal of engine.advanceTo(until)) signals.push(signal);
  const { events: applied, cases } = engine.stats;
  return { signals, events: applied, cases };
}

/** A replay thread's work done in the main thread (small files, tests, no compiled worker). */
export class InThread implements ReplayThread {
  validate(chunk: LineChunk): Promise<ChunkValidation> {
    return Promise.resolve(validateChunk(chunk.index, chunk.bytes));
  }

  replay(
    catalog: ReplayCatalog,
    chunks: readonly LineChunk[],
    events: ShardEvents,
    until: number,
    onProgress?: (replayed: number) => void,
  ): Promise<ShardReplay> {
    const bytes = chunks.map((chunk) => chunk.bytes);
    return Promise.resolve(replayShard(catalog.index, bytes, events, until, onProgress));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
