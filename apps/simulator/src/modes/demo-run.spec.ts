import type { ApprovalEvent } from '@app/contracts';
import { FixedClock } from '@app/platform';
import { aMemorySink } from '../sinks/testing/memory-sink';
import { COMPRESSIBLE_IRREGULARITIES } from '../traffic/irregularities';
import { demoCatalog } from '../traffic/testing/demo-catalog';
import { TimeCompression } from '../traffic/time-compression';
import { TrafficMessage, TrafficSource } from '../traffic/traffic-source';
import { DemoRunOptions, runDemo } from './demo-run';

// a Friday evening: the office is closed, the demo must be busy all the same
const FRIDAY_EVENING = Date.parse('2026-12-04T20:00:00+08:00');

function aDemoRun(overrides: Partial<DemoRunOptions> = {}) {
  const clock = new FixedClock(FRIDAY_EVENING);
  const sink = aMemorySink();
  const catalog = demoCatalog();
  const history = new TrafficSource({ catalog, seed: 3, runTag: 'HIST', irregularShare: 0.25 });
  const live = new TrafficSource({
    catalog,
    seed: 4,
    runTag: 'LIVE',
    irregularShare: 0.3,
    irregularities: COMPRESSIBLE_IRREGULARITIES,
  });
  const options: DemoRunOptions = {
    history,
    live,
    sink,
    clock,
    sleep: (ms) => {
      clock.set(clock.now() + ms);
      return Promise.resolve();
    },
    historyDays: 28,
    historyCases: 400,
    historySeed: 5,
    factor: 1440,
    rate: 5,
    durationMs: 120_000,
    ...overrides,
  };
  return { options, sink, clock, history, live };
}

const events = (messages: readonly TrafficMessage[]): ApprovalEvent[] =>
  messages.flatMap((message) => (message.label === 'event' && message.event ? [message.event] : []));

describe(runDemo.name, () => {
  it('loads weeks of history at once, everything sent before now, case by case in send order, with progress', async () => {
    const progress: { sent: number; total: number }[] = [];
    const { options, sink } = aDemoRun({ durationMs: 0, onHistory: (step) => progress.push(step) });

    await runDemo(options);

    const loaded = sink.writes.flat();
    expect(loaded.length).toBeGreaterThan(2000);
    expect(loaded.every((message) => message.sendAt <= FRIDAY_EVENING)).toBe(true);
    // each case's messages together and in send order; the cases in the order they began
    const seen = new Set<string>();
    let previous: TrafficMessage | undefined;
    for (const message of loaded) {
      if (previous?.key === message.key) expect(message.sendAt).toBeGreaterThanOrEqual(previous.sendAt);
      else {
        expect(seen.has(message.key)).toBe(false);
        seen.add(message.key);
      }
      previous = message;
    }
    expect(seen.size).toBeGreaterThan(300);
    const firstDay = Math.min(...events(loaded).map((event) => Date.parse(event.occurredAt)));
    expect(FRIDAY_EVENING - firstDay).toBeGreaterThan(20 * 86_400_000);
    expect(progress.at(-1)).toEqual(expect.objectContaining({ sent: loaded.length, total: loaded.length }));
  });

  it('keeps cases moving on a Friday evening: new cases pass submission to completion within minutes', async () => {
    const { options, sink } = aDemoRun({ durationMs: 15 * 60_000 });
    const historySent = { count: 0 };
    options.onHistory = ({ sent }) => (historySent.count = sent);

    await runDemo(options);

    const liveMessages = sink.writes.flat().slice(historySent.count);
    const liveEvents = events(liveMessages).filter((event) => event.caseId.includes('LIVE'));
    const types = new Set(liveEvents.map((event) => event.type));
    expect([...types]).toEqual(expect.arrayContaining(['case.submitted', 'case.accepted', 'case.completed']));
    // every event is stamped with the real instant it was sent at, never in the future
    for (const message of liveMessages.filter((m) => m.event?.caseId.includes('LIVE'))) {
      const occurredAt = Date.parse(message.event!.occurredAt);
      expect(occurredAt).toBeGreaterThanOrEqual(FRIDAY_EVENING - 1000);
      expect(occurredAt).toBeLessThanOrEqual(message.sendAt);
    }
    const completed = liveEvents.filter((event) => event.type === 'case.completed').length;
    expect(completed).toBeGreaterThan(10);
  });

  it('keeps near the live event rate (cases in flight send in bursts at simulated office hours)', async () => {
    const { options } = aDemoRun({ durationMs: 5 * 60_000, rate: 5 });

    const progress = await runDemo(options);

    expect(progress.liveEventsSent).toBeGreaterThan(5 * 300 * 0.75);
    expect(progress.liveEventsSent).toBeLessThan(5 * 300 * 1.25);
  });
});

describe(TimeCompression.name, () => {
  const sut = new TimeCompression(Date.parse('2026-12-07T09:00:00+08:00'), FRIDAY_EVENING, 1440);

  it.each([
    ['2026-12-07T09:00:00+08:00', '2026-12-04T20:00:00+08:00'],
    ['2026-12-08T09:00:00+08:00', '2026-12-04T20:01:00+08:00'],
    ['2026-12-07T21:00:00+08:00', '2026-12-04T20:00:30+08:00'],
  ])('lays simulated %s on the real %s', (simulated, real) => {
    expect(sut.realAt(Date.parse(simulated))).toBe(Date.parse(real));
    expect(sut.simulatedAt(Date.parse(real))).toBe(Date.parse(simulated));
  });

  it('re-stamps an event with the real instants, keeping its id and payload', () => {
    const event = {
      eventId: 'e-1',
      schemaVersion: 1,
      type: 'case.accepted',
      caseId: 'c-1',
      itemCode: 'XK-1',
      departmentId: 'scjgj',
      occurredAt: '2026-12-08T09:00:00+08:00',
      reportedAt: '2026-12-08T21:00:00+08:00',
      payload: {},
    } as ApprovalEvent;
    const message: TrafficMessage = {
      key: 'c-1',
      value: Buffer.from(JSON.stringify(event)),
      sendAt: Date.parse('2026-12-08T21:00:00+08:00'),
      label: 'event',
      event,
    };

    const restamped = sut.restamp(message);

    expect(JSON.parse(restamped.value.toString('utf8'))).toEqual({
      ...event,
      occurredAt: '2026-12-04T20:01:00+08:00',
      reportedAt: '2026-12-04T20:01:30+08:00',
    });
    expect(restamped.sendAt).toBe(Date.parse('2026-12-04T20:01:30+08:00'));
  });

  it('refuses a factor below 1', () => {
    expect(() => new TimeCompression(0, 0, 0.5)).toThrow(/at least 1/);
  });
});
