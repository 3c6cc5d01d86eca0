// Benchmark 2's measurements, in a process of their own (`node --expose-gc`):
//   footprint <count>            bytes per pending deadline: DeadlineQueue, and the pipeline's TimerWheel
//   fire <count> <runs>          due deadlines fired in event-loop slices (5 ms each) vs a plain array sort (limit)
//   reload <count> <runs> <url>  PgIngestStore.pendingDeadlines + TimerWheel.reset vs a bare pg read (limit)
// Each reports JSON lines on fd 3.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Client } from 'pg';
import { createDataSource, PgIngestStore } from '@app/persistence';
import { DeadlineQueue } from '@app/rules';
import { TimerWheel } from '../../apps/pipeline/src/timers/timer-wheel';
import { report } from './report';

const collect = (globalThis as { gc?: () => void }).gc;
const PARTITIONS = [0, 1, 2, 3, 4, 5];
const START = Date.parse('2026-12-01T00:00:00Z');
const YEAR_SECONDS = 31_536_000;

function used(): number {
  collect?.();
  collect?.();
  const memory = process.memoryUsage();
  return memory.heapUsed + memory.arrayBuffers;
}

/** Seeded due instants over a year, one per handle. */
function dues(count: number, seed = 12345): Float64Array {
  const result = new Float64Array(count);
  let state = seed;
  for (let i = 0; i < count; i += 1) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    result[i] = START + (state % YEAR_SECONDS) * 1000;
  }
  return result;
}

/** Case ids as the simulator writes them (item-day-run-counter), 24 characters. */
const caseId = (i: number) => `XK-20260302-bnch-${String(i).padStart(7, '0')}`;

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function footprint(count: number): void {
  const due = dues(count);
  // DeadlineQueue alone (its typed arrays grow by doubling, as in use)
  let before = used();
  let queue: DeadlineQueue | undefined = new DeadlineQueue();
  for (let handle = 0; handle < count; handle += 1) queue.schedule(handle, due[handle] as number);
  const queueBytes = (used() - before) / count;
  if (queue.pending !== count) throw new Error('lost deadlines');
  queue = undefined;
  // TimerWheel as the pipeline holds it: case ids, their handles and the queue (sized by reset)
  before = used();
  let wheel: TimerWheel | undefined = new TimerWheel();
  let input: { caseId: string; dueAt: number; partition: number }[] | undefined = [];
  for (let i = 0; i < count; i += 1)
    input.push({ caseId: caseId(i), dueAt: due[i] as number, partition: i % 6 });
  wheel.reset(PARTITIONS, input);
  input = undefined;
  const wheelBytes = (used() - before) / count;
  if (wheel.pending !== count) throw new Error('lost deadlines');
  wheel = undefined;
  // the floor: one Float64 due instant per deadline
  before = used();
  const floor = new Float64Array(count).fill(1);
  const floorBytes = (used() - before) / count;
  report('footprint', {
    count,
    queueBytes,
    wheelBytes,
    floorBytes,
    floor: floor.length,
    gc: collect !== undefined,
  });
}

/** What popping in slices measured (reported to the parent, `bench/deadlines.ts`). */
export interface Slices {
  fired: number;
  seconds: number;
  maxSliceMs: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

/** Pops everything due in slices (yielding to the event loop between slices), timing each slice. */
async function sliced(popSlice: () => number): Promise<Slices> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  let fired = 0;
  let maxSlice = 0;
  const started = performance.now();
  for (;;) {
    const sliceStart = performance.now();
    const n = popSlice();
    maxSlice = Math.max(maxSlice, performance.now() - sliceStart);
    fired += n;
    if (n === 0) break;
    await yieldToLoop();
  }
  const seconds = (performance.now() - started) / 1000;
  histogram.disable();
  return {
    fired,
    seconds,
    maxSliceMs: maxSlice,
    loopDelayP99Ms: histogram.percentile(99) / 1e6,
    loopDelayMaxMs: histogram.max / 1e6,
  };
}

async function fire(count: number, runs: number): Promise<void> {
  const due = dues(count);
  const watermark = START + YEAR_SECONDS * 1000;
  /** A slice pops for at most this long, then yields (checked every 256 pops). */
  const SLICE_MS = 5;
  const SWEEP_BATCH = 500;
  for (let run = -1; run < runs; run += 1) {
    // the limit: ordering the same instants with a plain JS array sort (no deadline structure)
    const plain = Array.from(due);
    collect?.();
    const started = performance.now();
    plain.sort((a, b) => a - b);
    const sortSeconds = (performance.now() - started) / 1000;
    if (plain.length !== count) throw new Error('sort lost values');

    // DeadlineQueue: 1,000,000 pending, all due at the watermark, fired in slices of 10,000
    const queue = new DeadlineQueue(count, count);
    for (let handle = 0; handle < count; handle += 1) queue.schedule(handle, due[handle] as number);
    collect?.();
    const queueRun = await sliced(() => {
      const until = performance.now() + SLICE_MS;
      let n = 0;
      for (;;) {
        if (queue.popDue(watermark) < 0) return n;
        n += 1;
        if ((n & 255) === 0 && performance.now() >= until) return n;
      }
    });
    if (queueRun.fired !== count) throw new Error(`fired ${queueRun.fired} of ${count}`);

    // the pipeline's TimerWheel: its sweep pops 500 case ids at a time
    const wheel = new TimerWheel();
    wheel.reset(
      PARTITIONS,
      Array.from({ length: count }, (_, i) => ({
        caseId: caseId(i),
        dueAt: due[i] as number,
        partition: i % 6,
      })),
    );
    collect?.();
    const wheelRun = await sliced(() => wheel.popDue(watermark, SWEEP_BATCH).length);
    if (wheelRun.fired !== count) throw new Error(`wheel fired ${wheelRun.fired} of ${count}`);
    if (run >= 0) report('fire', { run, count, sortSeconds, queue: queueRun, wheel: wheelRun });
  }
}

async function reload(count: number, runs: number, url: string): Promise<void> {
  const sql = `SELECT case_id, (extract(epoch from next_due_at) * 1000)::bigint AS due, partition
                 FROM cases WHERE next_due_at IS NOT NULL AND partition = ANY($1::int[])`;
  const dataSource = await createDataSource(url, {
    poolSize: 2,
    applicationName: 'jiancha-bench',
  }).initialize();
  const store = new PgIngestStore(dataSource);
  const client = new Client({ connectionString: url, application_name: 'jiancha-bench' });
  await client.connect();
  try {
    for (let run = 0; run < runs; run += 1) {
      // the limit: the same rows through a bare node-postgres query, nothing built from them
      collect?.();
      let histogram = monitorEventLoopDelay({ resolution: 1 });
      histogram.enable();
      let started = performance.now();
      const raw = await client.query(sql, [PARTITIONS]);
      const limitSeconds = (performance.now() - started) / 1000;
      histogram.disable();
      const limitLoopMaxMs = histogram.max / 1e6;
      if (raw.rowCount !== count) throw new Error(`read ${raw.rowCount} rows, expected ${count}`);
      raw.rows.length = 0;

      // the system: what the consumer does when a restart assigns it partitions
      collect?.();
      histogram = monitorEventLoopDelay({ resolution: 1 });
      histogram.enable();
      started = performance.now();
      const deadlines = await store.pendingDeadlines(PARTITIONS);
      const querySeconds = (performance.now() - started) / 1000;
      const resetStarted = performance.now();
      const wheel = new TimerWheel();
      wheel.reset(PARTITIONS, deadlines);
      const resetSeconds = (performance.now() - resetStarted) / 1000;
      const seconds = (performance.now() - started) / 1000;
      await yieldToLoop();
      histogram.disable();
      if (wheel.pending !== count) throw new Error(`reloaded ${wheel.pending} of ${count}`);
      report('reload', {
        run,
        count,
        limitSeconds,
        limitLoopMaxMs,
        seconds,
        querySeconds,
        resetSeconds,
        loopMaxMs: histogram.max / 1e6,
        resetBlockMs: resetSeconds * 1000,
      });
    }
  } finally {
    await client.end();
    await dataSource.destroy();
  }
}

async function main(): Promise<void> {
  const [mode, countArg, runsArg, url] = process.argv.slice(2);
  const count = Number(countArg ?? 1_000_000);
  const runs = Number(runsArg ?? 5);
  if (mode === 'footprint') footprint(count);
  else if (mode === 'fire') await fire(count, runs);
  else if (mode === 'reload' && url) await reload(count, runs, url);
  else throw new Error(`usage: deadlines.js footprint|fire|reload <count> [runs] [url]`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `deadlines: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
