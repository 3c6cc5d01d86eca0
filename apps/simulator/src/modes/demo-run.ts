import type { Clock } from '@app/platform';
import type { EventSink } from '../sinks/event-sink';
import { caseStartTimes } from '../traffic/backfill';
import { Random } from '../traffic/random';
import { TimeCompression } from '../traffic/time-compression';
import type { TrafficMessage, TrafficSource } from '../traffic/traffic-source';
import { WorkTime } from '../traffic/work-time';

export interface DemoRunOptions {
  /** Cases of the recent past, in real time: what was sent before now goes at once, the rest when due. */
  history: TrafficSource;
  /** New cases whose lives run compressed (`factor`), re-stamped with the real instants they are sent at. */
  live: TrafficSource;
  sink: EventSink;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  /** Calendar days of history before today (today's cases so far included). */
  historyDays: number;
  historyCases: number;
  historySeed: number;
  /** Simulated milliseconds of a live case per real millisecond (1440: a working day in a minute). */
  factor: number;
  /** Valid events per second of the compressed live cases (history continues at its own pace). */
  rate: number;
  /** Messages per write while the history loads. */
  batchSize?: number;
  tickMs?: number;
  durationMs?: number;
  signal?: AbortSignal;
  onHistory?: (progress: { sent: number; total: number; cases: number }) => void;
  onTick?: (progress: DemoProgress) => void;
}

export interface DemoProgress {
  wallElapsedMs: number;
  historyEventsSent: number;
  liveCasesStarted: number;
  liveEventsSent: number;
}

const countEvents = (messages: readonly TrafficMessage[]) =>
  messages.reduce((count, message) => count + (message.label === 'event' ? 1 : 0), 0);

/**
 * The messages grouped by case (the Kafka key), cases in the order of their first message, each
 * case's messages in send order: history imported the way a business system connected today would
 * import its records. Sent in time order instead, a case's first events would reach the pipeline in
 * one batch and its completion in a later one, and every deadline between them would fire at the
 * wall clock's watermark, only to be retracted when the completion arrived.
 */
export function byCase(messages: readonly TrafficMessage[]): TrafficMessage[] {
  const cases = new Map<string, TrafficMessage[]>();
  for (const message of messages) {
    const group = cases.get(message.key);
    if (group) group.push(message);
    else cases.set(message.key, [message]);
  }
  return [...cases.values()].flat();
}

/**
 * `npm run demo`'s traffic: first weeks of recent history through the real pipeline (every message
 * a business system would have sent before now, at once, with progress), then live traffic: the
 * history's open cases go on in real time, and new cases run compressed by `factor`, so that at
 * any hour and on any day cases are submitted, accepted, charged, decided and completed within
 * minutes on the wall. One tick loop, no timer per event, like `runPaced`.
 */
export async function runDemo(options: DemoRunOptions): Promise<DemoProgress> {
  const { history, live, clock } = options;
  const tickMs = options.tickMs ?? 200;
  const batchSize = options.batchSize ?? 1000;
  const calendar = history.generator.index.calendar;
  const loadedAt = clock.now();
  const today = calendar.dateOf(loadedAt);
  const starts = caseStartTimes(
    calendar,
    new Random(options.historySeed).fork('demo-history'),
    today - options.historyDays,
    today,
    options.historyCases,
  ).filter((start) => start < loadedAt);
  for (const start of starts) history.startCase(start);
  const backlog = byCase(history.takeDue(loadedAt));
  let historyEventsSent = 0;
  for (let from = 0; from < backlog.length && !options.signal?.aborted; from += batchSize) {
    const batch = backlog.slice(from, from + batchSize);
    await options.sink.write(batch);
    historyEventsSent += countEvents(batch);
    options.onHistory?.({
      sent: from + batch.length,
      total: backlog.length,
      cases: starts.length,
    });
  }

  const wallStart = clock.now();
  // the live cases' simulated time starts at the next office hour, so the first minute is busy
  const office = new WorkTime(live.generator.index.calendar, new Random(options.historySeed).fork('office'));
  const compression = new TimeCompression(office.nextOfficeInstant(wallStart), wallStart, options.factor);
  let liveCasesStarted = 0;
  let liveEventsSent = 0;
  const progress = (): DemoProgress => ({
    wallElapsedMs: clock.now() - wallStart,
    historyEventsSent,
    liveCasesStarted,
    liveEventsSent,
  });
  while (!options.signal?.aborted) {
    const wall = clock.now();
    const elapsed = wall - wallStart;
    if (options.durationMs !== undefined && elapsed >= options.durationMs) break;
    const simulatedNow = compression.simulatedAt(wall);
    const historyDue = history.takeDue(wall);
    const liveDue = live.takeDue(simulatedNow).map((message) => compression.restamp(message));
    historyEventsSent += countEvents(historyDue);
    liveEventsSent += countEvents(liveDue);
    const room = Math.floor((options.rate * elapsed) / 1000) - liveEventsSent - live.unsentFirstEvents;
    for (let index = 0; index < room; index += 1)
      live.startCase(simulatedNow + Math.floor((index * tickMs * options.factor) / room));
    liveCasesStarted += Math.max(0, room);
    const due = [...historyDue, ...liveDue].sort((a, b) => a.sendAt - b.sendAt);
    if (due.length > 0) await options.sink.write(due);
    options.onTick?.(progress());
    await options.sleep(Math.max(0, tickMs - (clock.now() - wall)));
  }
  return progress();
}
