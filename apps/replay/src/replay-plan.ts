// Between the two steps of the offline replay: the valid events of the whole file (numbers only)
// are put in replay order, duplicates and events after --until are set aside, and the rest is
// shared out among the threads so that cases that read each other's history stay together.
import type { ChunkEvents, ChunkValidation, ShardEvents } from './replay-shard';

/** The valid events of the file, in file order: the chunks' events one after the other. */
export interface FileEvents extends ChunkEvents {
  chunk: Uint32Array;
}

export function concatEvents(validations: readonly ChunkValidation[]): FileEvents {
  const count = validations.reduce((sum, v) => sum + v.events.instant.length, 0);
  const all: FileEvents = {
    chunk: new Uint32Array(count),
    offset: new Uint32Array(count),
    length: new Uint32Array(count),
    instant: new Float64Array(count),
    idHash: new Uint32Array(count * 2),
    caseKey: new Uint32Array(count),
    linkKey: new Uint32Array(count),
  };
  let at = 0;
  for (const { index, events } of validations) {
    const n = events.instant.length;
    all.chunk.fill(index, at, at + n);
    all.offset.set(events.offset, at);
    all.length.set(events.length, at);
    all.instant.set(events.instant, at);
    all.idHash.set(events.idHash, at * 2);
    all.caseKey.set(events.caseKey, at);
    all.linkKey.set(events.linkKey, at);
    at += n;
  }
  return all;
}

export interface ReplayPlan {
  /** Valid events not applied because they occurred after --until. */
  afterUntil: number;
  /** Valid events skipped because an event with the same eventId came before them in replay order. */
  duplicates: number;
  /** Events applied. */
  applied: number;
  /** Per thread, its events in replay order. */
  shards: ShardEvents[];
}

/**
 * Replay order is `occurredAt`, then file order (a stable sort). In that order an event after
 * `until` is not applied, and an event whose eventId came before is a duplicate (checked on the
 * eventId itself, `eventIdAt`, whenever the hashes agree). The events to apply are shared out by
 * connected cases: a case, and every case it shares a receipt number or a peer group with, go to
 * one thread, largest groups first to the least loaded thread.
 */
export function planReplay(
  events: FileEvents,
  until: number,
  threads: number,
  eventIdAt: (index: number) => string,
): ReplayPlan {
  const order = stableOrder(events.instant);
  const candidates = new Uint32Array(order.length);
  let count = 0;
  let afterUntil = 0;
  for (let position = 0; position < order.length; position += 1) {
    const index = order[position] as number;
    if ((events.instant[index] as number) > until) afterUntil += 1;
    else candidates[count++] = index;
  }
  const applied = withoutDuplicates(candidates.subarray(0, count), events.idHash, eventIdAt);
  const shardOf = threads === 1 ? new Uint32Array(applied.length) : shareOut(applied, events, threads);
  return {
    afterUntil,
    duplicates: count - applied.length,
    applied: applied.length,
    shards: split(applied, shardOf, events, threads),
  };
}

/**
 * Indices by instant; equal instants keep file order. Each (instant, index) pair is packed into
 * one 64-bit key (milliseconds since the earliest instant above, index below) and the keys are
 * sorted natively; a comparator sort when they do not fit (a span of centuries).
 */
export function stableOrder(instants: Float64Array): Uint32Array {
  const count = instants.length;
  const order = new Uint32Array(count);
  let earliest = Infinity;
  let latest = -Infinity;
  let whole = true;
  for (const instant of instants) {
    if (instant < earliest) earliest = instant;
    if (instant > latest) latest = instant;
    if (!Number.isInteger(instant)) whole = false;
  }
  const indexBits = Math.max(1, Math.ceil(Math.log2(count + 1)));
  const span = latest - earliest;
  if (
    !whole ||
    count === 0 ||
    !Number.isSafeInteger(span) ||
    indexBits > 32 ||
    span >= 2 ** (64 - indexBits)
  ) {
    for (let index = 0; index < count; index += 1) order[index] = index;
    return order.sort((a, b) => (instants[a] as number) - (instants[b] as number) || a - b);
  }
  const keys = new BigUint64Array(count);
  const words = new Uint32Array(keys.buffer);
  const [low, high] = LITTLE_ENDIAN ? [0, 1] : [1, 0];
  const lowInstantBits = 32 - indexBits;
  const lowScale = 2 ** lowInstantBits;
  const indexScale = 2 ** indexBits;
  for (let index = 0; index < count; index += 1) {
    const offset = (instants[index] as number) - earliest;
    const below = offset % lowScale;
    words[index * 2 + low] = below * indexScale + index;
    words[index * 2 + high] = (offset - below) / lowScale;
  }
  keys.sort();
  const mask = indexScale - 1;
  for (let position = 0; position < count; position += 1)
    order[position] = ((words[position * 2 + low] as number) & mask) >>> 0;
  return order;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The first of each eventId, in the given order (an open-addressing table of event indices). */
function withoutDuplicates(
  indices: Uint32Array,
  idHash: Uint32Array,
  eventIdAt: (index: number) => string,
): Uint32Array {
  const mask = tableSize(indices.length) - 1;
  const table = new Int32Array(mask + 1).fill(-1);
  const kept = new Uint32Array(indices.length);
  let count = 0;
  for (let position = 0; position < indices.length; position += 1) {
    const index = indices[position] as number;
    const high = idHash[index * 2] as number;
    const low = idHash[index * 2 + 1] as number;
    let slot = high & mask;
    let duplicate = false;
    for (let other = table[slot] as number; other !== -1; other = table[slot] as number) {
      if (
        idHash[other * 2] === high &&
        idHash[other * 2 + 1] === low &&
        eventIdAt(other) === eventIdAt(index)
      ) {
        duplicate = true;
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (duplicate) continue;
    table[slot] = index;
    kept[count++] = index;
  }
  return kept.subarray(0, count);
}

/**
 * The thread of each event to apply. Cases are joined with the history they share (union-find
 * over hashed keys: two keys falling in one bucket only join more cases than needed, never fewer).
 */
function shareOut(applied: Uint32Array, events: FileEvents, threads: number): Uint32Array {
  // a bucket per two events: cases hold several events each, so few keys share a bucket
  const mask = tableSize(applied.length / 4) - 1;
  const parent = new Int32Array(mask + 1).fill(-1);
  const find = (bucket: number): number => {
    let node = bucket;
    for (let up = parent[node] as number; up !== -1; up = parent[node] as number) {
      const grand = parent[up] as number;
      if (grand !== -1) parent[node] = grand;
      node = up;
    }
    return node;
  };
  for (let position = 0; position < applied.length; position += 1) {
    const index = applied[position] as number;
    const link = events.linkKey[index] as number;
    if (link === 0) continue;
    const a = find((events.caseKey[index] as number) & mask);
    const b = find(link & mask);
    if (a !== b) parent[a] = b;
  }
  const groupOf = new Uint32Array(applied.length);
  const size = new Uint32Array(mask + 1);
  for (let position = 0; position < applied.length; position += 1) {
    const group = find((events.caseKey[applied[position] as number] as number) & mask);
    groupOf[position] = group;
    size[group] = (size[group] as number) + 1;
  }
  const groups: number[] = [];
  for (let bucket = 0; bucket <= mask; bucket += 1) if ((size[bucket] as number) > 0) groups.push(bucket);
  groups.sort((a, b) => (size[b] as number) - (size[a] as number) || a - b);
  const load = new Float64Array(threads);
  const threadOfGroup = new Uint32Array(mask + 1);
  for (const group of groups) {
    let least = 0;
    for (let thread = 1; thread < threads; thread += 1)
      if ((load[thread] as number) < (load[least] as number)) least = thread;
    threadOfGroup[group] = least;
    load[least] = (load[least] as number) + (size[group] as number);
  }
  const shardOf = new Uint32Array(applied.length);
  for (let position = 0; position < applied.length; position += 1)
    shardOf[position] = threadOfGroup[groupOf[position] as number] as number;
  return shardOf;
}

function split(
  applied: Uint32Array,
  shardOf: Uint32Array,
  events: FileEvents,
  threads: number,
): ShardEvents[] {
  const counts = new Uint32Array(threads);
  for (let position = 0; position < shardOf.length; position += 1) {
    const thread = shardOf[position] as number;
    counts[thread] = (counts[thread] as number) + 1;
  }
  const shards: ShardEvents[] = Array.from(counts, (n) => ({
    chunk: new Uint32Array(n),
    offset: new Uint32Array(n),
    length: new Uint32Array(n),
    instant: new Float64Array(n),
  }));
  const filled = new Uint32Array(threads);
  for (let position = 0; position < applied.length; position += 1) {
    const index = applied[position] as number;
    const thread = shardOf[position] as number;
    const shard = shards[thread] as ShardEvents;
    const at = filled[thread] as number;
    shard.chunk[at] = events.chunk[index] as number;
    shard.offset[at] = events.offset[index] as number;
    shard.length[at] = events.length[index] as number;
    shard.instant[at] = events.instant[index] as number;
    filled[thread] = at + 1;
  }
  return shards;
}

/** A power of two at least twice the entries (and at least 1,024). */
function tableSize(entries: number): number {
  let size = 1024;
  while (size < entries * 2) size *= 2;
  return size;
}
