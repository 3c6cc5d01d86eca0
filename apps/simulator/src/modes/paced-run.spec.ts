import { FixedClock } from '@app/platform';
import { aMemorySink } from '../sinks/testing/memory-sink';
import { demoCatalog } from '../traffic/testing/demo-catalog';
import { TrafficSource } from '../traffic/traffic-source';
import { parseStart, PacedRunOptions, runPaced } from './paced-run';

const WALL_START = Date.parse('2026-04-14T10:00:00+08:00');

/** A run on a fake clock: each sleep moves the clock on, no real time passes. */
function aPacedRun(overrides: Partial<PacedRunOptions> = {}) {
  const clock = new FixedClock(WALL_START);
  const sink = aMemorySink();
  const source = new TrafficSource({ catalog: demoCatalog(), seed: 9 });
  let sleeps = 0;
  const options: PacedRunOptions = {
    source,
    sink,
    clock,
    sleep: (ms) => {
      sleeps += 1;
      clock.set(clock.now() + ms);
      return Promise.resolve();
    },
    factor: 1,
    rate: 20,
    durationMs: 60_000,
    ...overrides,
  };
  return { options, sink, source, clock, sleeps: () => sleeps };
}

describe(runPaced.name, () => {
  it('keeps to the event rate: sent events plus new cases waiting for their first send fill it', async () => {
    const { options, sink, source, sleeps } = aPacedRun();

    await runPaced(options);

    const sent = sink.writes.flat().filter((message) => message.label === 'event').length;
    expect(sent + source.unsentFirstEvents).toBeGreaterThanOrEqual(20 * 60 - 20);
    expect(sent + source.unsentFirstEvents).toBeLessThanOrEqual(20 * 60);
    expect(sent).toBeGreaterThan(0);
    expect(sleeps()).toBe(300); // one tick every 200 ms, no timer per event
  });

  it('sends events when they are due in live time, stamped with the time they occurred', async () => {
    const { options, sink } = aPacedRun();

    await runPaced(options);

    for (const message of sink.writes.flat()) {
      expect(message.sendAt).toBeLessThanOrEqual(WALL_START + 60_000);
      if (message.event) expect(Date.parse(message.event.occurredAt)).toBeLessThanOrEqual(message.sendAt);
    }
  });

  it('runs simulated time factor times faster and stamps events with it', async () => {
    const simulatedStart = parseStart('2026-03-02');
    const { options, sink } = aPacedRun({ factor: 3600, simulatedStart, durationMs: 30_000 });

    await runPaced(options);

    const occurred = sink.writes
      .flat()
      .flatMap((message) => (message.event ? [Date.parse(message.event.occurredAt)] : []));
    expect(occurred.length).toBeGreaterThan(100);
    expect(Math.min(...occurred)).toBeGreaterThanOrEqual(simulatedStart);
    expect(Math.max(...occurred)).toBeLessThanOrEqual(simulatedStart + 30 * 3_600_000);
    expect(Math.max(...occurred)).toBeGreaterThan(simulatedStart + 3_600_000);
  });

  it('stops by itself once the requested cases have sent everything', async () => {
    const { options, sink, source } = aPacedRun({ factor: 10_000_000, maxCases: 25, durationMs: undefined });

    await runPaced(options);

    expect(source.stats.cases).toBe(25);
    expect(source.pending).toBe(0);
    expect(new Set(sink.writes.flat().map((message) => message.key)).size).toBe(25);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const { options, sleeps } = aPacedRun({
      durationMs: undefined,
      signal: controller.signal,
      onTick: (progress) => {
        if (progress.wallElapsedMs >= 1_000) controller.abort();
      },
    });

    await runPaced(options);

    expect(sleeps()).toBe(6);
  });

  it('warms up with cases of the past days and sends their past events at once', async () => {
    const { options, sink } = aPacedRun({ warmup: { days: 10, cases: 200, seed: 3 }, durationMs: 1_000 });

    await runPaced(options);

    const firstWrite = sink.writes[0] ?? [];
    expect(firstWrite.length).toBeGreaterThan(200);
    expect(firstWrite.every((message) => message.sendAt <= WALL_START)).toBe(true);
    expect(Math.min(...firstWrite.map((message) => message.sendAt))).toBeLessThan(
      WALL_START - 5 * 86_400_000,
    );
  });
});

describe(parseStart.name, () => {
  it.each([
    ['2026-03-02', '2026-03-02T01:00:00.000Z'],
    ['2026-03-02T14:30:00+08:00', '2026-03-02T06:30:00.000Z'],
    ['2026-03-02T06:30:00Z', '2026-03-02T06:30:00.000Z'],
  ])('reads %s', (text, expected) => {
    expect(new Date(parseStart(text)).toISOString()).toBe(expected);
  });

  it('refuses an instant without offset', () => {
    expect(() => parseStart('2026-03-02T14:30:00')).toThrow(/with offset/);
  });
});
