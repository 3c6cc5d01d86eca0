// Live-shaped traffic for benchmark 1: whole case lifecycles from the simulator's CaseGenerator,
// sent interleaved in time as on a working day on which every case is open: the k-th of a case's n
// events goes out at about (k + ½) / n of the stream, so consecutive events of a case lie ~1/n of
// the stream apart and a batch read close behind the producers holds at most one or two events of
// a case. As the demo's live traffic does (TimeCompression, docs/adr/0008), every event is
// re-stamped (occurredAt, reportedAt) with the instant its place in the stream takes in a recent
// window of the wall clock, so the stream is in time order (but for the few seconds UntiedInstants
// moves a decision or payment) and no deadline of a case has passed
// while it is consumed (with the generator's own instants, months old, every intermediate state
// of a case would be overdue when folded, and the pipeline would raise and retract a time signal
// for nearly every event). Keys are case ids and partitions those of the Java client's
// partitioner (as the simulator's Kafka sink and the pipeline expect). Long penalty cases get
// investigation rounds (the step returned and restarted, 退回补充调查), a valid lifecycle of the
// requested length.
import path from 'node:path';
import { Partitioners, type PartitionerArgs } from 'kafkajs';
import { buildCatalogIndex, loadCatalogDirectorySync } from '@app/catalog';
import type { ApprovalEvent } from '@app/contracts';
import { crossCaseKeys } from '@app/ingest';
import { CaseGenerator, formatInstant, Random } from '../apps/simulator/src/traffic';
import type { BenchMessage } from './fixtures';
import { repoRoot } from './lib/infra';

export interface LiveMessage extends BenchMessage {
  partition: number;
}

export type LiveShape =
  /** ~`events`/19 cases, a fifth of them long penalty cases of 40–60 events, the rest as generated. */
  | { kind: 'live' }
  /** Penalty cases of exactly `length` events each (the first 8 of a lifecycle plus rounds). */
  | { kind: 'history'; length: number };

export interface LiveTraffic {
  label: string;
  /** In send order. */
  messages: LiveMessage[];
  partitions: number;
  cases: number;
  longCases: number;
  /** Events per case: mean, and mean of the long ones. */
  eventsPerCase: number;
  eventsPerLongCase: number;
  /** The window of the wall clock the events are stamped in (epoch ms). */
  from: number;
  to: number;
  /** Decisions and payments moved off an instant their peer group or receipt number held. */
  untied: { moved: number; longestMoveMs: number };
}

/** Events of a case sent one after the other in the stream: (k + ½ + jitter) / n, jitter ±0.35. */
const JITTER = 0.35;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The catalogue's time zone, Asia/Shanghai (+08:00, as the events are stamped). */
const OFFSET = 8 * HOUR;

/**
 * The window of the wall clock the stream is stamped in: today (local) from midnight until two
 * minutes ago, or all of yesterday when today is not two hours old. A deadline is at the end of a
 * day after the day of its event, so none comes due for about a day: two runs made minutes apart
 * fold the same cases to the same signals.
 */
export function stampWindow(now: number): { from: number; to: number } {
  const midnight = Math.floor((now + OFFSET) / DAY) * DAY - OFFSET;
  const to = now - 2 * MINUTE;
  if (to - midnight >= 2 * HOUR) return { from: midnight, to };
  return { from: midnight - DAY, to: midnight - MINUTE };
}

/** The partition the Java client's partitioner (kafkajs DefaultPartitioner) gives a key. */
export function partitionOf(partitions: number): (key: string) => number {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
    partitionId,
    leader: 0,
    replicas: [0],
    isr: [0],
    partitionErrorCode: 0,
    offlineReplicas: [],
  }));
  return (key) =>
    partitioner({ topic: 'bench', partitionMetadata, message: { key, value: null } } as PartitionerArgs);
}

/**
 * `rounds` investigation rounds (step.completed with outcome "return", step.started again) placed
 * between the step.started with the longest gap to the next event and that event, at whole seconds
 * in between; undefined when no gap is long enough. Event ids are renumbered.
 */
function withRounds(events: readonly ApprovalEvent[], rounds: number): ApprovalEvent[] | undefined {
  let at = -1;
  let gap = 0;
  events.forEach((event, position) => {
    const next = events[position + 1];
    if (event.type !== 'step.started' || !next) return;
    const span = Date.parse(next.occurredAt) - Date.parse(event.occurredAt);
    if (span > gap) {
      gap = span;
      at = position;
    }
  });
  const started = events[at];
  if (rounds > 0 && (!started || started.type !== 'step.started' || gap < (2 * rounds + 1) * 1000))
    return undefined;
  const inserted: ApprovalEvent[] = [];
  if (started && started.type === 'step.started') {
    const from = Date.parse(started.occurredAt);
    const stepCode = started.payload.stepCode;
    for (let i = 0; i < 2 * rounds; i += 1) {
      const instant = from + Math.floor(((i + 1) * gap) / (2 * rounds + 1) / 1000) * 1000;
      const common = {
        ...started,
        occurredAt: formatInstant(instant),
        ...(started.reportedAt ? { reportedAt: formatInstant(instant + 20_000) } : {}),
      };
      inserted.push(
        i % 2 === 0
          ? { ...common, type: 'step.completed', payload: { stepCode, outcome: 'return' } }
          : { ...common, type: 'step.started', payload: { stepCode } },
      );
    }
  }
  const all = [...events.slice(0, at + 1), ...inserted, ...events.slice(at + 1)];
  return all.map((event, position) => ({
    ...event,
    eventId: `${event.caseId}-${String(position + 1).padStart(2, '0')}`,
  }));
}

/**
 * `events` valid events of the shape, in live-interleaved send order, stamped in `stampWindow(now)`;
 * seeded (the same seed and window give the same bytes).
 */
export function liveTraffic(
  shape: LiveShape,
  events: number,
  seed: number,
  partitions: number,
  now = Date.now(),
): LiveTraffic {
  const catalog = buildCatalogIndex(loadCatalogDirectorySync(path.join(repoRoot, 'deploy/catalog/demo')));
  const generator = new CaseGenerator({ catalog, seed });
  const random = new Random(seed).fork('live-order');
  const window = stampWindow(now);
  const cases: { events: ApprovalEvent[]; long: boolean }[] = [];
  let total = 0;
  while (total < events) {
    // generated as of the window's start (items, fees in force); the instants are replaced below
    let caseEvents: ApprovalEvent[] | undefined;
    let long = false;
    if (shape.kind === 'history') {
      const generated = generator.next(window.from, { kind: 'penalty' });
      caseEvents = withRounds(generated.events.slice(0, 8), (shape.length - 8) / 2);
      if (caseEvents && caseEvents.length !== shape.length) caseEvents = undefined;
    } else if (cases.length % 5 === 0) {
      long = true;
      const generated = generator.next(window.from, { kind: 'penalty' });
      const length = random.int(41, 60);
      caseEvents = withRounds(generated.events, Math.floor((length - generated.events.length) / 2));
    } else {
      caseEvents = generator.next(window.from).events;
    }
    if (!caseEvents) continue; // no step window long enough for the rounds: take the next case
    caseEvents = caseEvents.slice(0, events - total); // the last case is still open at the end
    cases.push({ events: caseEvents, long });
    total += caseEvents.length;
  }
  const placed: { at: number; event: ApprovalEvent }[] = [];
  for (const { events: caseEvents } of cases) {
    const n = caseEvents.length;
    caseEvents.forEach((event, k) => {
      placed.push({ at: (k + 0.5 + (random.next() * 2 - 1) * JITTER) / n, event });
    });
  }
  // a stable sort: a case's events keep their order (their places increase with k)
  placed.sort((a, b) => a.at - b.at);
  const partitionFor = partitionOf(partitions);
  const span = window.to - window.from;
  const untied = new UntiedInstants();
  const messages = placed.map(({ at, event }) => {
    // whole seconds, as the simulator stamps; a case's events stay in order (≥ 36 s apart)
    const instant = untied.stamp(event, window.from + Math.floor((at * span) / 1000) * 1000);
    const stamped: ApprovalEvent = {
      ...event,
      occurredAt: formatInstant(instant),
      ...(event.reportedAt !== undefined ? { reportedAt: formatInstant(instant + 5_000) } : {}),
    };
    return {
      key: event.caseId,
      partition: partitionFor(event.caseId),
      value: Buffer.from(JSON.stringify(stamped), 'utf8'),
    };
  });
  const long = cases.filter((c) => c.long);
  return {
    label: shape.kind === 'live' ? 'live' : `history-${shape.length}`,
    messages,
    partitions,
    cases: cases.length,
    longCases: long.length,
    eventsPerCase: total / cases.length,
    eventsPerLongCase: long.reduce((sum, c) => sum + c.events.length, 0) / Math.max(1, long.length),
    from: window.from,
    to: window.to,
    untied: { moved: untied.moved, longestMoveMs: untied.longestMoveMs },
  };
}

/**
 * Moves an event that another case's event of the same peer group (a decision's violation code
 * and tier) or receipt number already holds at its instant to the next free whole second. The
 * rules order events of one instant by arrival (docs/rules.md), and the pipeline's arrival order
 * across partitions differs from run to run, so with such ties two runs over the same events could
 * rightly differ (throughput.determinism would measure the interleaving, not the pipeline). A
 * move is a few seconds at most, far less than the ≥ 36 s between a case's events.
 */
export class UntiedInstants {
  private readonly taken = new Set<string>();
  /** Events moved, and the longest move. */
  moved = 0;
  longestMoveMs = 0;

  stamp(event: ApprovalEvent, instant: number): number {
    // the pipeline's own cross-case lock key: a receipt number, or a decision's peer group
    const [group] = crossCaseKeys([event]);
    if (group === undefined) return instant;
    let at = instant;
    while (this.taken.has(`${group}@${at}`)) at += 1000;
    this.taken.add(`${group}@${at}`);
    if (at !== instant) {
      this.moved += 1;
      this.longestMoveMs = Math.max(this.longestMoveMs, at - instant);
      if (at - instant > 30_000) throw new Error(`${event.eventId}: no free instant within 30 s`);
    }
    return at;
  }
}
