// Issue 7, done when: a replay over a large audit store streams (memory stays flat) and reports its
// throughput. The suite stores 200,000 simulated events (REPLAY_SCALE_EVENTS to change it) and runs
// the replay through the console's API with its progress streamed; `npm run replay:scale` runs the
// same replayer over 1,000,000 events outside Jest (docs/replay.md § Scale).
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createDataSource } from '@app/persistence';
import { fillAuditStore } from '../../../apps/simulator/src/scale/simulated-audit-store';
import { ConsoleTestBed, eventually, repoRoot } from '../../support/console-harness';
import { streamReplay } from './replay-client';

const EVENTS = Number(process.env.REPLAY_SCALE_EVENTS ?? 200_000);
const MB = 1024 * 1024;

/** A full garbage collection, to read the live heap (Jest does not start node with --expose-gc). */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

describe('replay at scale', () => {
  const bed = new ConsoleTestBed();
  let window: { from: string; to: string } | undefined;

  beforeAll(async () => {
    await bed.setUp();
  });

  afterAll(async () => {
    await bed.tearDown();
  });

  it(`streams ${EVENTS.toLocaleString('en')} stored events with flat memory and reports its throughput`, async () => {
    const dataSource = await createDataSource(bed.databaseUrl, { poolSize: 2 }).initialize();
    let filled;
    try {
      filled = await fillAuditStore(dataSource, {
        events: EVENTS,
        catalogDir: path.join(repoRoot, 'deploy/catalog/demo'),
      });
    } finally {
      await dataSource.destroy();
    }
    expect(filled.events).toBe(EVENTS);
    window = {
      from: filled.firstOccurredAt,
      to: new Date(Date.parse(filled.lastOccurredAt) + 86_400_000).toISOString(),
    };

    // the console runs in this process: its live heap (after a full collection) every 400 ms while it
    // replays (since the replay reaches ~50,000 events/s, a sample a second gave only four)
    collectGarbage();
    const baseline = process.memoryUsage().heapUsed;
    const live: number[] = [];
    const sampler = setInterval(() => {
      collectGarbage();
      live.push(process.memoryUsage().heapUsed);
    }, 400);
    const { run, progress } = await streamReplay(bed, 'shenji', window);
    clearInterval(sampler);

    expect(run.status).toBe('done');
    expect(run.eventsRead).toBe(EVENTS);
    expect(run.signals).toBeGreaterThan(EVENTS / 100);
    // no live signal in this database: everything the replay raises is "missing" live
    expect(run.missing).toBe(run.signals);
    // progress streamed while it ran, not only at the end
    const reading = progress.filter(
      (p) => p.status === 'running' && p.eventsRead > 0 && p.eventsRead < EVENTS,
    );
    expect(reading.length).toBeGreaterThanOrEqual(3);

    const memory = run.summary.memory;
    const rate = run.summary.eventsPerSecond ?? 0;
    const mb = (bytes: number) => Math.round(bytes / MB);
    process.stdout.write(
      `replay of ${EVENTS} events: ${rate} events/s; live heap ${mb(baseline)} MB before, ` +
        `${live.map(mb).join(' ')} MB during (every 400 ms, after a full GC); ` +
        `heap peak ${mb(memory?.peakHeapUsedBytes ?? 0)} MB, rss peak ${mb(memory?.peakRssBytes ?? 0)} MB\n`,
    );
    expect(rate).toBeGreaterThan(5_000);
    expect(live.length).toBeGreaterThanOrEqual(5);
    // flat: what the replay holds does not grow with the events read (the events alone would be hundreds of MB)
    expect(Math.max(...live) - baseline).toBeLessThan(64 * MB);
    const half = Math.floor(live.length / 2);
    expect(Math.max(...live.slice(half)) - Math.max(...live.slice(0, half))).toBeLessThan(16 * MB);
  });

  it('stops a run cancelled while it reads, keeps none of its results, and takes the next one', async () => {
    if (!window) throw new Error('the store was not filled');
    const started = await bed.call<{ id: string }>('POST', '/api/replays', { as: 'shenji', body: window });
    expect(started.status).toBe(202);
    const id = started.body.id;
    type Run = { status: string; eventsRead: number; error: string | null };
    const read = async () => (await bed.call<Run>('GET', `/api/replays/${id}`, { as: 'shenji' })).body;
    await eventually(
      'the run reading events',
      async () => {
        const run = await read();
        return run.status === 'running' && run.eventsRead > 0 ? run : undefined;
      },
      60_000,
      50,
    );
    const cancelled = await bed.call<Run>('POST', `/api/replays/${id}/cancel`, { as: 'jiancha' });
    expect(cancelled.status).toBe(200);
    // the runner notices within a progress report and discards what it wrote
    await eventually(
      'the cancelled run’s partial results discarded',
      async () => {
        const [left] = await bed.query<{ n: string }>(
          `SELECT (SELECT count(*) FROM replay_signals WHERE run_id = $1) + (SELECT count(*) FROM replay_run_cases WHERE run_id = $1) AS n`,
          [id],
        );
        return Number(left?.n) === 0 ? true : undefined;
      },
      30_000,
    );
    const after = await read();
    expect(after.status).toBe('failed');
    expect(after.error).toBe('cancelled by jiancha (supervisor)');
    expect(after.eventsRead).toBeLessThan(EVENTS);
    // the runner is free: a small window after it runs to the end
    const next = await streamReplay(bed, 'shenji', {
      from: window.from,
      to: new Date(Date.parse(window.from) + 3_600_000).toISOString(),
    });
    expect(next.run.status).toBe('done');
  }, 120_000);
});
