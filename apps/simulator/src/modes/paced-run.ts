import { parseLocalDate } from '@app/calendar';
import type { Clock } from '@app/platform';
import type { EventSink } from '../sinks/event-sink';
import { caseStartTimes } from '../traffic/backfill';
import { Random } from '../traffic/random';
import type { TrafficSource, TrafficStats } from '../traffic/traffic-source';

export interface PacedRunOptions {
  source: TrafficSource;
  sink: EventSink;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  /** Simulated milliseconds per wall millisecond: 1 is live, 60 runs an hour a minute. */
  factor: number;
  /** The simulated instant at the start; default the wall clock (live). */
  simulatedStart?: number;
  /** Valid events per wall second, overall (new cases fill what in-flight cases leave). */
  rate: number;
  /** Stop starting cases after this many; stop when their messages are all sent. */
  maxCases?: number;
  /** Stop after this much wall time. */
  durationMs?: number;
  /** Cases that started in the days before the start, their past messages sent at once. */
  warmup?: { days: number; cases: number; seed: number };
  tickMs?: number;
  signal?: AbortSignal;
  onTick?: (progress: PacedProgress) => void;
}

export interface PacedProgress {
  wallElapsedMs: number;
  simulatedNow: number;
  casesStarted: number;
  eventsSent: number;
  pending: number;
}

/**
 * Live and time-compressed traffic: one tick loop (every 200 ms by default) sends what is due
 * from the source's send queue and starts as many new cases as the event rate leaves room for.
 * Upcoming events of cases in flight wait in that queue: no timer per event.
 */
export async function runPaced(options: PacedRunOptions): Promise<TrafficStats> {
  const { source, clock, factor, rate } = options;
  const tickMs = options.tickMs ?? 200;
  const wallStart = clock.now();
  const simulatedStart = options.simulatedStart ?? wallStart;
  let casesStarted = 0;
  let eventsSent = 0;
  if (options.warmup && options.warmup.cases > 0) {
    const calendar = source.generator.index.calendar;
    const today = calendar.dateOf(simulatedStart);
    const starts = caseStartTimes(
      calendar,
      new Random(options.warmup.seed).fork('warmup'),
      today - options.warmup.days,
      today,
      options.warmup.cases,
    ).filter((start) => start < simulatedStart);
    for (const start of starts) source.startCase(start);
    casesStarted += starts.length;
  }
  while (!options.signal?.aborted) {
    const wall = clock.now();
    const elapsed = wall - wallStart;
    if (options.durationMs !== undefined && elapsed >= options.durationMs) break;
    const simulatedNow = simulatedStart + elapsed * factor;
    const due = source.takeDue(simulatedNow);
    eventsSent += due.reduce((count, message) => count + (message.label === 'event' ? 1 : 0), 0);
    const room = Math.floor((rate * elapsed) / 1000) - eventsSent - source.unsentFirstEvents;
    const canStart = options.maxCases === undefined ? room : Math.min(room, options.maxCases - casesStarted);
    // spread the new cases over the coming tick instead of starting them all at one instant
    for (let index = 0; index < canStart; index += 1)
      source.startCase(simulatedNow + Math.floor((index * tickMs * factor) / Math.max(1, canStart)));
    casesStarted += Math.max(0, canStart);
    if (due.length > 0) await options.sink.write(due);
    options.onTick?.({
      wallElapsedMs: elapsed,
      simulatedNow,
      casesStarted,
      eventsSent,
      pending: source.pending,
    });
    if (options.maxCases !== undefined && casesStarted >= options.maxCases && source.pending === 0) break;
    await options.sleep(Math.max(0, tickMs - (clock.now() - wall)));
  }
  return source.stats;
}

/** `2026-03-02` or an RFC 3339 instant → epoch ms (a date means 09:00 local on that day). */
export function parseStart(text: string, offsetMinutes = 480): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text))
    return parseLocalDate(text) * 86_400_000 - offsetMinutes * 60_000 + 9 * 3_600_000;
  const instant = Date.parse(text);
  if (Number.isNaN(instant) || !/(Z|[+-]\d{2}:\d{2})$/i.test(text))
    throw new Error(`not a date or an RFC 3339 instant with offset: ${text}`);
  return instant;
}
