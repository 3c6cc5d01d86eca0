// Benchmark 2: 1,000,000 pending deadlines. Bytes per deadline (DeadlineQueue, and the pipeline's
// TimerWheel with its case ids); the rate at which due ones fire when popped in event-loop slices
// (limit: a plain JS array sort of the same instants) with the event-loop delay meanwhile; and the
// reload after a restart from `cases.next_due_at` of a scratch database holding 1,000,000 rows
// (PgIngestStore.pendingDeadlines + TimerWheel.reset; limit: the same rows through bare `pg`).
import { BenchChild, Report, worker } from './lib/child';
import type { BenchContext } from './lib/context';
import { BenchDatabase } from './lib/infra';
import { fmt, say } from './lib/progress';
import { pairRatios, summarize } from './lib/stats';
import type { Slices } from './workers/deadlines';

async function collect(label: string, args: string[], kind: string, timeoutMs: number): Promise<Report[]> {
  const reports: Report[] = [];
  const child = new BenchChild(
    label,
    ['--expose-gc', '--max-old-space-size=4096', worker('deadlines'), ...args],
    {},
    (r) => {
      if (r.kind === kind) reports.push(r);
    },
  );
  await child.done(timeoutMs);
  return reports;
}

export async function deadlinesBenchmark(ctx: BenchContext): Promise<void> {
  const count = ctx.options.quick ? 200_000 : 1_000_000;
  const runs = ctx.options.runs;

  // footprint: a fresh process per run
  const footprints: Report[] = [];
  for (let i = 0; i < runs; i += 1)
    footprints.push(
      ...(await collect('deadline footprint', ['footprint', String(count)], 'footprint', 120_000)),
    );
  const queueBytes = summarize(footprints.map((r) => r.queueBytes as number));
  const wheelBytes = summarize(footprints.map((r) => r.wheelBytes as number));
  const floorBytes = summarize(footprints.map((r) => r.floorBytes as number));
  say(
    `deadlines: ${fmt(count)} pending: DeadlineQueue ${fmt(queueBytes.median, 1)} B, TimerWheel ${fmt(wheelBytes.median, 1)} B per deadline`,
  );
  ctx.figures.push({
    benchmark: '2 deadlines',
    id: 'deadlines.bytes.queue',
    label: `memory, ${fmt(count)} pending, DeadlineQueue`,
    unit: 'bytes/deadline',
    digits: 1,
    system: queueBytes,
    limit: { label: 'Float64Array of the instants', summary: floorBytes },
    goals: [{ text: '≤ 200 bytes', met: queueBytes.median <= 200 }],
  });
  ctx.figures.push({
    benchmark: '2 deadlines',
    id: 'deadlines.bytes.wheel',
    label: `memory, ${fmt(count)} pending, pipeline TimerWheel (case ids included)`,
    unit: 'bytes/deadline',
    digits: 1,
    system: wheelBytes,
    limit: { label: 'Float64Array of the instants', summary: floorBytes },
    goals: [{ text: '≤ 200 bytes', met: wheelBytes.median <= 200 }],
    note: 'heap + array buffers after two forced GCs; the TimerWheel figure counts the 24-character case-id strings, the id→handle Map and the handle→id array it keeps.',
  });

  // firing: one process, a warm-up round, then `runs` rounds of sort / DeadlineQueue / TimerWheel
  const fires = await collect('deadline firing', ['fire', String(count), String(runs)], 'fire', 600_000);
  const sortRate = fires.map((r) => count / (r.sortSeconds as number));
  const queueRuns = fires.map((r) => r.queue as Slices);
  const wheelRuns = fires.map((r) => r.wheel as Slices);
  const queueRate = queueRuns.map((r) => r.fired / r.seconds);
  const wheelRate = wheelRuns.map((r) => r.fired / r.seconds);
  const worst = (runsOf: Slices[]) => ({
    p99: summarize(runsOf.map((r) => r.loopDelayP99Ms)),
    maxSlice: summarize(runsOf.map((r) => r.maxSliceMs)),
    max: summarize(runsOf.map((r) => r.loopDelayMaxMs)),
  });
  const queueLoop = worst(queueRuns);
  const wheelLoop = worst(wheelRuns);
  say(
    `deadlines: firing ${fmt(summarize(queueRate).median)}/s (DeadlineQueue), ${fmt(summarize(wheelRate).median)}/s (TimerWheel), ` +
      `sort ${fmt(summarize(sortRate).median)}/s; loop delay p99 ${fmt(queueLoop.p99.median, 1)} / ${fmt(wheelLoop.p99.median, 1)} ms`,
  );
  const loopGoal = (loop: ReturnType<typeof worst>) => ({
    text: `event loop blocked ≤ 20 ms: p99 delay ${fmt(loop.p99.median, 1)} ms (longest slice ${fmt(loop.maxSlice.median, 1)} ms, worst run ${fmt(loop.maxSlice.max, 1)} ms)`,
    met: loop.p99.median <= 20,
  });
  ctx.figures.push({
    benchmark: '2 deadlines',
    id: 'deadlines.fire.queue',
    label: `firing ${fmt(count)} due, DeadlineQueue.popDue, 5 ms slices`,
    unit: 'deadlines/s',
    system: summarize(queueRate),
    limit: { label: 'plain JS array sort of the instants', summary: summarize(sortRate) },
    ratio: summarize(pairRatios(queueRate, sortRate)),
    goals: [{ text: '≥ 200,000/s', met: summarize(queueRate).median >= 200_000 }, loopGoal(queueLoop)],
  });
  ctx.figures.push({
    benchmark: '2 deadlines',
    id: 'deadlines.fire.wheel',
    label: `firing ${fmt(count)} due, pipeline TimerWheel.popDue, sweep batches of 500`,
    unit: 'deadlines/s',
    system: summarize(wheelRate),
    limit: { label: 'plain JS array sort of the instants', summary: summarize(sortRate) },
    ratio: summarize(pairRatios(wheelRate, sortRate)),
    goals: [{ text: '≥ 200,000/s', met: summarize(wheelRate).median >= 200_000 }, loopGoal(wheelLoop)],
    note: 'only the in-memory part: a live sweep then re-folds each due case in the database (benchmark 1 measures that path).',
  });
  ctx.details.deadlineFiring = fires;

  // reload after a restart: 1,000,000 rows in cases.next_due_at of a scratch database
  const database = await new BenchDatabase(ctx.config, 'deadlines').create();
  try {
    const started = Date.now();
    const client = await database.client();
    try {
      await client.query(`SELECT setseed(0.42)`);
      await client.query(
        `INSERT INTO cases (case_id, item_code, department_id, partition, phase, accepted_at, next_due_at,
                            event_count, last_occurred_at)
         SELECT 'XK-20260302-bnch-' || lpad(i::text, 7, '0'), 'XK-001', 'D-01', i % 6, 'accepted',
                timestamptz '2026-11-01T00:00:00Z', timestamptz '2026-12-01T00:00:00Z' + random() * interval '365 days',
                3, timestamptz '2026-11-01T00:00:00Z'
           FROM generate_series(0, $1::int - 1) AS i`,
        [count],
      );
      await client.query('VACUUM ANALYZE cases');
    } finally {
      await client.end();
    }
    say(
      `deadlines: ${fmt(count)} cases with next_due_at in ${database.name} (${fmt((Date.now() - started) / 1000, 1)} s)`,
    );
    const reloads = await collect(
      'deadline reload',
      ['reload', String(count), String(runs), database.url],
      'reload',
      900_000,
    );
    const limitRate = reloads.map((r) => count / (r.limitSeconds as number));
    const reloadRate = reloads.map((r) => count / (r.seconds as number));
    const seconds = summarize(reloads.map((r) => r.seconds as number));
    const blocked = summarize(reloads.map((r) => r.loopMaxMs as number));
    say(
      `deadlines: reload ${fmt(seconds.median, 2)} s (${fmt(summarize(reloadRate).median)}/s), event loop blocked up to ${fmt(blocked.median)} ms`,
    );
    ctx.figures.push({
      benchmark: '2 deadlines',
      id: 'deadlines.reload',
      label: `reload ${fmt(count)} after a restart: pendingDeadlines + TimerWheel.reset`,
      unit: 'deadlines/s',
      system: summarize(reloadRate),
      limit: { label: 'same SELECT through bare pg', summary: summarize(limitRate) },
      ratio: summarize(pairRatios(reloadRate, limitRate)),
      goals: [
        {
          text: `no goal set; ${fmt(seconds.median, 2)} s in all, longest event-loop block ${fmt(blocked.median)} ms`,
          met: null,
        },
      ],
      note:
        `split (medians): query + row mapping ${fmt(summarize(reloads.map((r) => r.querySeconds as number)).median, 2)} s, ` +
        `TimerWheel.reset ${fmt(summarize(reloads.map((r) => r.resetSeconds as number)).median, 2)} s (one synchronous block); ` +
        `bare pg read ${fmt(summarize(reloads.map((r) => r.limitSeconds as number)).median, 2)} s.`,
    });
    ctx.details.deadlineReload = reloads;
  } finally {
    await database.drop();
  }
}
