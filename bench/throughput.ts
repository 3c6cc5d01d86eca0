// Benchmark 1: throughput with durable persistence. N valid events are produced once to a topic
// of our own; then, interleaved, a do-nothing kafkajs eachBatch consumer (the limit) and the real
// pipeline process (fresh database, fresh consumer group) consume all of it. Both are timed from
// their first fetch after joining the group to the commit that completes the topic (lag 0), so
// process start, connections and the group join are not counted. CPU per event is summed over the
// Node process, the broker's JVM and the PostgreSQL processes working for the run's database.
// Against the store limit (workers/store-limit.ts: each event written once, durably, into an
// indexed append-only table, one transaction per batch) on the same topic, and on live-shaped
// traffic (live-traffic.ts) fed while it is consumed (lib/feeder.ts): the live rate, the CPU per
// event of long against short case histories, and whether two runs raise the same signals.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { databaseUrl } from '@app/platform';
import { BenchChild, Report, worker } from './lib/child';
import type { BenchContext } from './lib/context';
import { recordProfile } from './lib/cpuprofile';
import { BatchComposition, batchComposition, LagFeeder } from './lib/feeder';
import {
  appEnvironment,
  BenchDatabase,
  BenchTopic,
  benchKafka,
  brokerPid,
  postgresPids,
  repoRoot,
} from './lib/infra';
import { freePort } from './lib/ports';
import { CpuSnapshot, pidsNamed, snapshot, spent } from './lib/proc';
import { fmt, say } from './lib/progress';
import { pairRatioSummary, summarize } from './lib/stats';
import type { LiveTraffic } from './live-traffic';

export interface ConsumerRun {
  rate: number;
  seconds: number;
  measured: number;
  batches: number;
  cpu: { node: number; broker: number; postgres: number; postgresBackground: number; total: number };
  cpuPerEvent: number;
  rssMiB: number;
  /** Live runs: CPU of the orchestrator (the feeder producing the topic) between start and done. */
  feederCpu?: number;
  /** Live runs: what the consumer's batches held. */
  composition?: BatchComposition;
  stored?: {
    auditEvents: number;
    cases: number;
    signals: number;
    pendingDeadlines: number;
    /** audit_events rows the pipeline read back (index and sequential scans, pg_stat_user_tables). */
    auditRowsRead: number;
  };
}

interface Usage {
  user: number;
  system: number;
}

const cpuOf = (report: Report) => {
  const usage = report.cpu as Usage;
  return usage.user + usage.system;
};

/** Snapshots the broker and every PostgreSQL process whenever the child reports start/done. */
class CpuWatch {
  readonly at = new Map<string, CpuSnapshot>();
  /** This process's own CPU time (it feeds live topics) at the same instants. */
  readonly own = new Map<string, number>();
  constructor(private readonly broker: number | undefined) {}
  onReport = (report: Report) => {
    if (report.kind !== 'start' && report.kind !== 'done') return;
    const pids = pidsNamed('postgres');
    if (this.broker !== undefined) pids.push(this.broker);
    this.at.set(report.kind, snapshot(pids));
    const usage = process.cpuUsage();
    this.own.set(report.kind, usage.user + usage.system);
  };
  ownSpent(): number {
    return (this.own.get('done') ?? Number.NaN) - (this.own.get('start') ?? Number.NaN);
  }
  spentBy(pids: number[]): number {
    const before = this.at.get('start');
    const after = this.at.get('done');
    if (!before || !after) return Number.NaN;
    const only = (s: CpuSnapshot) => new Map([...s].filter(([pid]) => pids.includes(pid)));
    return spent(only(before), only(after));
  }
}

async function deleteGroup(ctx: BenchContext, groupId: string): Promise<void> {
  const admin = benchKafka(ctx.config).admin();
  await admin.connect();
  await admin.deleteGroups([groupId]).catch(() => undefined);
  await admin.disconnect();
}

/** A live run: the topic is fed while it is consumed (at most `feeder.window` events ahead). */
export interface LiveFeed {
  traffic: LiveTraffic;
  feeder: LagFeeder;
  batches: Report[];
}

function reporter(watch: CpuWatch, live: LiveFeed | undefined): (report: Report) => void {
  if (!live) return watch.onReport;
  return (report) => {
    watch.onReport(report);
    if (report.kind === 'batch') live.batches.push(report);
    else live.feeder.onReport(report);
  };
}

/** After a live run: the feeder's CPU and what the batches held. */
async function finishLive(run: ConsumerRun, watch: CpuWatch, live: LiveFeed | undefined): Promise<void> {
  if (!live) return;
  await live.feeder.flush();
  run.feederCpu = watch.ownSpent();
  run.composition = batchComposition(live.feeder.placed, live.batches);
}

/** One run on a fresh topic of its own, fed live with `traffic`, deleted after. */
export async function fedRun<T>(
  ctx: BenchContext,
  traffic: LiveTraffic,
  window: number,
  run: (topic: BenchTopic, live: LiveFeed) => Promise<T>,
): Promise<T> {
  const topic = await new BenchTopic(ctx.config, traffic.partitions).create();
  const feeder = new LagFeeder(topic, traffic.messages, window);
  try {
    await feeder.prefill(ctx.config.KAFKA_BROKERS);
    return await run(topic, { traffic, feeder, batches: [] });
  } finally {
    await feeder.dispose();
    await topic.dispose();
  }
}

/** The table of the store limit, created afresh for each run (and dropped after). */
const STORE_TABLE = 'bench_store_events';

/**
 * The store limit: a consumer with the pipeline's consumer settings that writes each event once,
 * durably, into an indexed append-only table (one INSERT per batch), in a process of its own.
 */
export async function runStoreLimit(
  ctx: BenchContext,
  topic: BenchTopic,
  expect: number,
  live?: LiveFeed,
): Promise<ConsumerRun> {
  const database = await ctx.fixtures.storeDatabase();
  const client = await database.client();
  await client.query(`DROP TABLE IF EXISTS ${STORE_TABLE}`);
  await client.query(
    `CREATE TABLE ${STORE_TABLE} (event_id text PRIMARY KEY, case_id text NOT NULL, occurred_at timestamptz NOT NULL, event jsonb NOT NULL)`,
  );
  await client.query(`CREATE INDEX ${STORE_TABLE}_case ON ${STORE_TABLE} (case_id, occurred_at)`);
  const broker = await brokerPid(ctx.config);
  const watch = new CpuWatch(broker);
  const groupId = `bench-store-${randomUUID().slice(0, 8)}`;
  const onReport = reporter(watch, live);
  let backends: number[] = [];
  const child = new BenchChild(
    'store limit',
    [worker('store-limit')],
    {
      BENCH_TOPIC: topic.name,
      BENCH_GROUP: groupId,
      BENCH_EXPECT: String(expect),
      BENCH_TABLE: STORE_TABLE,
      // as the pipeline consumes: the batches of a fetch over this many partitions, gathered
      BENCH_PARTITIONS: String(ctx.config.KAFKA_PARTITIONS),
      BENCH_LIVE: live ? '1' : undefined,
      DATABASE_URL: database.url,
      KAFKA_BROKERS: ctx.config.KAFKA_BROKERS,
    },
    (report) => {
      if (report.kind === 'ready') backends = report.pgBackends as number[];
      onReport(report);
    },
  );
  try {
    const start = await child.next('start', 120_000);
    const done = await child.next('done', 600_000);
    const { background } = await postgresPids(client, database.name);
    const run = consumerRun(start, done, watch, broker, backends, background);
    await child.stop();
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${STORE_TABLE}`);
    if (Number(rows[0]?.n) !== expect)
      throw new Error(`the store limit stored ${rows[0]?.n} events, expected ${expect}`);
    await finishLive(run, watch, live);
    return run;
  } finally {
    await child.stop();
    await client.query(`DROP TABLE IF EXISTS ${STORE_TABLE}`).catch(() => undefined);
    await client.end();
    await deleteGroup(ctx, groupId);
  }
}

/** The limit: the do-nothing consumer, in a process of its own. */
export async function runNoopConsumer(
  ctx: BenchContext,
  topic: BenchTopic,
  expect: number,
): Promise<ConsumerRun> {
  const broker = await brokerPid(ctx.config);
  const watch = new CpuWatch(broker);
  const groupId = `bench-noop-${randomUUID().slice(0, 8)}`;
  const child = new BenchChild(
    'do-nothing consumer',
    [worker('noop-consumer')],
    {
      BENCH_TOPIC: topic.name,
      BENCH_GROUP: groupId,
      BENCH_EXPECT: String(expect),
      BENCH_PARTITIONS: String(ctx.config.KAFKA_PARTITIONS),
      KAFKA_BROKERS: ctx.config.KAFKA_BROKERS,
    },
    watch.onReport,
  );
  try {
    const start = await child.next('start', 120_000);
    const done = await child.next('done', 600_000);
    await child.done(60_000);
    return consumerRun(start, done, watch, broker, []);
  } finally {
    await child.stop();
    await deleteGroup(ctx, groupId);
  }
}

function consumerRun(
  start: Report,
  done: Report,
  watch: CpuWatch,
  broker: number | undefined,
  pg: number[],
  pgBackground: number[] = [],
): ConsumerRun {
  const measured = done.consumed as number;
  const seconds = ((done.at as number) - (start.at as number)) / 1000;
  const node = cpuOf(done) - cpuOf(start);
  const brokerCpu = broker === undefined ? 0 : watch.spentBy([broker]);
  const postgres = pg.length > 0 ? watch.spentBy(pg) : 0;
  const postgresBackground = pgBackground.length > 0 ? watch.spentBy(pgBackground) : 0;
  const total = node + brokerCpu + postgres + postgresBackground;
  return {
    rate: measured / seconds,
    seconds,
    measured,
    batches: done.batches as number,
    cpu: { node, broker: brokerCpu, postgres, postgresBackground, total },
    cpuPerEvent: total / measured,
    rssMiB: Math.round((done.rss as number) / 2 ** 20),
  };
}

/** The system: the real pipeline process (`dist/apps/pipeline/src/main.js`) on a database of its own. */
export async function runPipeline(
  ctx: BenchContext,
  topic: BenchTopic,
  expect: number,
  profileFile?: string,
  variant: { nodeOptions?: string; main?: string; setupSql?: string } = {},
  extra: {
    live?: LiveFeed;
    /** Receives the signals stored (alert key, level, raisedAt, status), read before the database is dropped. */
    onSignals?: (signals: string[]) => void;
  } = {},
): Promise<ConsumerRun & { profileFile?: string }> {
  const database = await new BenchDatabase(ctx.config, 'tp').create();
  if (variant.setupSql !== undefined) await database.run(variant.setupSql);
  const broker = await brokerPid(ctx.config);
  const watch = new CpuWatch(broker);
  const groupId = `bench-pipeline-${randomUUID().slice(0, 8)}`;
  const admin = new Client({
    connectionString: databaseUrl(ctx.config, 'postgres'),
    application_name: 'jiancha-bench',
  });
  await admin.connect();
  const child = new BenchChild(
    'pipeline',
    ['--require', worker('pipeline-probe'), variant.main ?? 'dist/apps/pipeline/src/main.js'],
    {
      ...appEnvironment(ctx.config, database, topic),
      PIPELINE_GROUP_ID: groupId,
      PIPELINE_HTTP_PORT: String(await freePort()),
      BENCH_EXPECT: String(expect),
      BENCH_CPU_PROFILE: profileFile,
      BENCH_LIVE: extra.live ? '1' : undefined,
      // for A/B experiments only (bench/ab.ts); the recorded runs use none
      NODE_OPTIONS: variant.nodeOptions,
    },
    reporter(watch, extra.live),
  );
  try {
    const start = await child.next('start', 120_000);
    const done = await child.next('done', 900_000);
    // classify the PostgreSQL processes while the pipeline's connections are still open
    const { backends, background } = await postgresPids(admin, database.name);
    if (profileFile) await child.next('profile', 60_000);
    const run = consumerRun(start, done, watch, broker, backends, background);
    // stopping closes its connections, which flushes their table statistics
    await child.stop();
    const client = await database.client();
    try {
      const { rows } = await client.query<Record<string, string>>(
        `SELECT (SELECT idx_tup_fetch + seq_tup_read FROM pg_stat_user_tables WHERE relname = 'audit_events') AS audit_read,
                (SELECT count(*) FROM audit_events) AS audit_events, (SELECT count(*) FROM cases) AS cases,
                (SELECT count(*) FROM signals) AS signals,
                (SELECT count(*) FROM cases WHERE next_due_at IS NOT NULL) AS pending`,
      );
      const row = rows[0] ?? {};
      run.stored = {
        auditEvents: Number(row.audit_events),
        cases: Number(row.cases),
        signals: Number(row.signals),
        pendingDeadlines: Number(row.pending),
        auditRowsRead: Number(row.audit_read),
      };
      if (extra.onSignals) {
        const signals = await client.query<{ signal: string }>(
          `SELECT concat_ws(E'\\t', alert_key, level, (extract(epoch FROM raised_at) * 1000)::bigint, status) AS signal FROM signals`,
        );
        extra.onSignals(signals.rows.map((r) => r.signal));
      }
    } finally {
      await client.end();
    }
    if (run.stored.auditEvents !== expect)
      throw new Error(`the pipeline stored ${run.stored.auditEvents} audit events, expected ${expect}`);
    await finishLive(run, watch, extra.live);
    return { ...run, profileFile };
  } finally {
    await child.stop();
    await admin.end();
    await database.drop();
    await deleteGroup(ctx, groupId);
  }
}

export async function throughputBenchmark(ctx: BenchContext): Promise<void> {
  const events = ctx.options.events ?? (ctx.options.quick ? 30_000 : 100_000);
  const topic = await ctx.fixtures.topic(events);
  const noop: ConsumerRun[] = [];
  const store: ConsumerRun[] = [];
  const pipeline: ConsumerRun[] = [];
  // the signals of the first two pipeline runs, for throughput.determinism
  const signalSets: string[][] = [];
  for (let i = 0; i < ctx.options.runs; i += 1) {
    const limit = await runNoopConsumer(ctx, topic, events);
    noop.push(limit);
    say(
      `throughput ${i + 1}/${ctx.options.runs}: do-nothing consumer ${fmt(limit.rate)} events/s, ${fmt(limit.cpuPerEvent, 1)} CPU µs/event`,
    );
    const stored = await runStoreLimit(ctx, topic, events);
    store.push(stored);
    say(
      `throughput ${i + 1}/${ctx.options.runs}: store limit ${fmt(stored.rate)} events/s, ${fmt(stored.cpuPerEvent, 1)} CPU µs/event`,
    );
    const system = await runPipeline(
      ctx,
      topic,
      events,
      undefined,
      {},
      {
        onSignals: i < 2 ? (signals) => signalSets.push(signals) : undefined,
      },
    );
    pipeline.push(system);
    say(
      `throughput ${i + 1}/${ctx.options.runs}: pipeline ${fmt(system.rate)} events/s (ratio ${(system.rate / limit.rate).toFixed(3)}, ` +
        `to the store limit ${(system.rate / stored.rate).toFixed(3)}), ` +
        `${fmt(system.cpuPerEvent, 1)} CPU µs/event (node ${fmt(system.cpu.node / system.measured, 1)}, broker ${fmt(system.cpu.broker / system.measured, 1)}, ` +
        `postgres ${fmt((system.cpu.postgres + system.cpu.postgresBackground) / system.measured, 1)}), ${system.stored?.signals ?? 0} signals`,
    );
  }
  const rate = summarize(pipeline.map((r) => r.rate));
  const limitRate = summarize(noop.map((r) => r.rate));
  const ratio = pairRatioSummary(pipeline, noop, (r) => r.rate);
  ctx.details.noopConsumerRates = noop.map((r) => r.rate);
  ctx.details.throughputMedian = rate.median;
  ctx.details.signalsPerEvent = summarize(pipeline.map((r) => (r.stored?.signals ?? 0) / r.measured)).median;
  ctx.figures.push({
    benchmark: '1 throughput',
    id: 'throughput.rate',
    label: `pipeline, ${fmt(events)} events, durable`,
    unit: 'events/s',
    system: rate,
    limit: { label: 'do-nothing consumer', summary: limitRate },
    ratio,
    goals: [
      { text: 'ratio ≥ 0.35 (stretch 0.5)', met: ratio.median >= 0.35 },
      { text: '≥ 20,000 events/s', met: rate.median >= 20_000 },
    ],
    note:
      `${topic.partitions} partitions, ~${fmt(events / (pipeline[0]?.stored?.cases ?? 1), 1)} events a case; each run stored ` +
      `${fmt(pipeline[0]?.stored?.auditEvents ?? 0)} audit events, ${fmt(pipeline[0]?.stored?.cases ?? 0)} cases and ` +
      `${fmt(pipeline[0]?.stored?.signals ?? 0)} signals, and read ` +
      `${fmt(summarize(pipeline.map((r) => (r.stored?.auditRowsRead ?? 0) / r.measured)).median, 1)} audit_events rows back per event stored ` +
      `(pg_stat_user_tables: a case is read back only when it is re-folded rather than advanced, ADR 9). Do-nothing consumer: ` +
      `${fmt(summarize(noop.map((r) => r.batches)).median)} batches per run, pipeline ${fmt(summarize(pipeline.map((r) => r.batches)).median)}.`,
  });
  const perEvent = (runs: ConsumerRun[], pick: (r: ConsumerRun) => number) =>
    summarize(runs.map((r) => pick(r) / r.measured));
  ctx.figures.push({
    benchmark: '1 throughput',
    id: 'throughput.cpu',
    label: 'CPU per event: node + broker + postgres',
    unit: 'µs',
    digits: 1,
    system: perEvent(pipeline, (r) => r.cpu.total),
    limit: { label: 'do-nothing consumer (node + broker)', summary: perEvent(noop, (r) => r.cpu.total) },
    note:
      `pipeline split (medians): node ${fmt(perEvent(pipeline, (r) => r.cpu.node).median, 1)} µs, ` +
      `broker ${fmt(perEvent(pipeline, (r) => r.cpu.broker).median, 1)} µs, ` +
      `postgres backends ${fmt(perEvent(pipeline, (r) => r.cpu.postgres).median, 1)} µs, ` +
      `postgres background processes ${fmt(perEvent(pipeline, (r) => r.cpu.postgresBackground).median, 1)} µs; ` +
      `do-nothing consumer: node ${fmt(perEvent(noop, (r) => r.cpu.node).median, 1)} µs, broker ${fmt(perEvent(noop, (r) => r.cpu.broker).median, 1)} µs. ` +
      `Wall time per event at the median rate: ${fmt(1e6 / rate.median, 1)} µs on ${os.cpus().length} cores.`,
  });
  const storeRatio = pairRatioSummary(pipeline, store, (r) => r.rate);
  ctx.figures.push({
    benchmark: '1 throughput',
    id: 'throughput.store-limit',
    label: `pipeline against the store limit, the same ${fmt(events)} events (backfill)`,
    unit: 'events/s',
    system: rate,
    limit: { label: 'store limit', summary: summarize(store.map((r) => r.rate)) },
    ratio: storeRatio,
    goals: [{ text: 'ratio ≥ 0.5', met: storeRatio.median >= 0.5 }],
    note:
      `the store limit: a consumer with the pipeline's consumer settings that writes each event once, durably, into an ` +
      `append-only table (event_id primary key, index on (case_id, occurred_at), occurred_at, the event as jsonb): one ` +
      `INSERT … SELECT FROM jsonb_to_recordset($1) per batch (one transaction), then the offsets are committed. ` +
      `${fmt(summarize(store.map((r) => r.cpuPerEvent)).median, 1)} CPU µs/event (node ${fmt(perEvent(store, (r) => r.cpu.node).median, 1)}, ` +
      `broker ${fmt(perEvent(store, (r) => r.cpu.broker).median, 1)}, postgres ${fmt(perEvent(store, (r) => r.cpu.postgres + r.cpu.postgresBackground).median, 1)}); ` +
      `${fmt(pairRatioSummary(store, noop, (r) => r.rate).median, 2)} × the do-nothing consumer; ` +
      `${fmt(summarize(store.map((r) => r.batches)).median)} batches per run. Same runs as throughput.rate (do-nothing consumer, store limit, pipeline, …).`,
  });
  ctx.details.throughput = { events, partitions: topic.partitions, noop, pipeline, storeLimit: store };

  if (ctx.options.profile) {
    const file = path.join(ctx.artefactsDir, `pipeline-${Date.now()}.cpuprofile`);
    say('throughput: one more (unmeasured) pipeline run with the CPU profiler on');
    const profiled = await runPipeline(ctx, topic, events, file);
    const summary = recordProfile(ctx, {
      title: 'pipeline process, from the start of consumption to lag 0 (V8 sampling profiler, 1 ms)',
      file,
      rate: profiled.rate,
      wallMs: Math.round(profiled.seconds * 1000),
    });
    say(
      `throughput: profile ${path.relative(repoRoot, file)}: ${fmt(profiled.rate)} events/s while profiled; ` +
        `top self: ${summary.self
          .slice(0, 5)
          .map((e) => `${e.fn.split(' ')[0]} ${e.pct}%`)
          .join(', ')}`,
    );
  }

  await liveThroughput(ctx, events, signalSets);
}

/** Seeds of the live-shaped traffic (the backfill's is 7). */
export const LIVE_SEED = 17;
const HISTORY_SEED = 23;
/** Interleaved runs of the live figures at most (each live pipeline run takes far longer). */
const LIVE_RUNS = 3;
/**
 * The feeder keeps at most events/50 events ahead of the consumer (2,000 of 100,000): about the
 * distance between two events of a 50-event case in the interleaved stream, so a batch holds
 * about one event of such a case.
 */
export const windowFor = (events: number) => Math.max(60, Math.round(events / 50));

interface SignalComparison {
  first: number;
  second: number;
  /** Signals (alert key, level, raisedAt, status) in one run and not in the other. */
  difference: number;
  /** Alert keys in one run only, and keys in both whose level, raisedAt or status differ. */
  keysInOneOnly: number;
  /** Of the keys in one run only, those retracted there (raised, then disproved by later data). */
  retractedInOneOnly: number;
  /** Signals standing (not retracted) in one run and not standing alike in the other. */
  standingDifference: number;
  levelDiffers: number;
  raisedAtDiffers: number;
  statusDiffers: number;
  /** Rule ids of the differing alert keys, most frequent first. */
  byRule: [string, number][];
}

/** Compares two signal sets, each row "alertKey\tlevel\traisedAt ms\tstatus". */
function compareSignals(a: readonly string[], b: readonly string[]): SignalComparison {
  const left = new Set(a);
  const right = new Set(b);
  let difference = 0;
  for (const x of left) if (!right.has(x)) difference += 1;
  for (const x of right) if (!left.has(x)) difference += 1;
  const byKey = (rows: readonly string[]) =>
    new Map(rows.map((row) => [row.split('\t')[0] as string, row.split('\t').slice(1)]));
  const one = byKey(a);
  const two = byKey(b);
  const rules = new Map<string, number>();
  const result = {
    keysInOneOnly: 0,
    retractedInOneOnly: 0,
    levelDiffers: 0,
    raisedAtDiffers: 0,
    statusDiffers: 0,
  };
  for (const key of new Set([...one.keys(), ...two.keys()])) {
    const x = one.get(key);
    const y = two.get(key);
    let differs = true;
    if (!x || !y) {
      result.keysInOneOnly += 1;
      if ((x ?? y)?.[2] === 'retracted') result.retractedInOneOnly += 1;
    } else {
      if (x[0] !== y[0]) result.levelDiffers += 1;
      if (x[1] !== y[1]) result.raisedAtDiffers += 1;
      if (x[2] !== y[2]) result.statusDiffers += 1;
      differs = x.join() !== y.join();
    }
    if (!differs) continue;
    const rule = key.split('|')[1] ?? '?';
    rules.set(rule, (rules.get(rule) ?? 0) + 1);
  }
  const standing = (rows: readonly string[]) => new Set(rows.filter((row) => !row.endsWith('\tretracted')));
  const standingLeft = standing(a);
  const standingRight = standing(b);
  let standingDifference = 0;
  for (const x of standingLeft) if (!standingRight.has(x)) standingDifference += 1;
  for (const x of standingRight) if (!standingLeft.has(x)) standingDifference += 1;
  return {
    first: a.length,
    second: b.length,
    difference,
    standingDifference,
    ...result,
    byRule: [...rules.entries()].sort((p, q) => q[1] - p[1]),
  };
}

const compositionText = (runs: ConsumerRun[]) => {
  const c = runs.map((r) => r.composition).filter((x): x is BatchComposition => x !== undefined);
  const med = (pick: (x: BatchComposition) => number) => summarize(c.map(pick)).median;
  return (
    `${fmt(med((x) => x.batches))} batches of ${fmt(med((x) => x.meanSize))} events on average; events of one case in one batch: ` +
    `mean ${fmt(
      med((x) => x.perCaseMean),
      2,
    )}, p99 ${fmt(med((x) => x.perCaseP99))}, max ${fmt(Math.max(...c.map((x) => x.perCaseMax)))}, ` +
    `more than two in ${fmt(med((x) => x.moreThanTwo) * 100, 2)} % of (case, batch) pairs`
  );
};

/**
 * throughput.live, throughput.history and throughput.determinism: the pipeline and the store
 * limit on live-shaped traffic fed while it is consumed; CPU per event with long against short
 * case histories; the signals of two runs over the same events.
 */
async function liveThroughput(ctx: BenchContext, events: number, backfillSignals: string[][]): Promise<void> {
  const runs = Math.min(ctx.options.runs, LIVE_RUNS);
  const traffic = ctx.fixtures.liveTraffic({ kind: 'live' }, events, LIVE_SEED);
  const window = windowFor(events);
  const store: ConsumerRun[] = [];
  const pipeline: ConsumerRun[] = [];
  const liveSignals: string[][] = [];
  for (let i = 0; i < runs; i += 1) {
    const limit = await fedRun(ctx, traffic, window, (topic, live) =>
      runStoreLimit(ctx, topic, events, live),
    );
    store.push(limit);
    say(
      `throughput live ${i + 1}/${runs}: store limit ${fmt(limit.rate)} events/s, ${fmt(limit.cpuPerEvent, 1)} CPU µs/event, ` +
        `${fmt(limit.composition?.meanSize ?? 0)} events a batch`,
    );
    const system = await fedRun(ctx, traffic, window, (topic, live) =>
      runPipeline(
        ctx,
        topic,
        events,
        undefined,
        {},
        {
          live,
          onSignals: i < 2 ? (signals) => liveSignals.push(signals) : undefined,
        },
      ),
    );
    pipeline.push(system);
    say(
      `throughput live ${i + 1}/${runs}: pipeline ${fmt(system.rate)} events/s (ratio ${(system.rate / limit.rate).toFixed(3)}), ` +
        `${fmt(system.cpuPerEvent, 1)} CPU µs/event, ${fmt(system.composition?.meanSize ?? 0)} events a batch, ` +
        `${fmt((system.stored?.auditRowsRead ?? 0) / system.measured, 1)} audit rows read back per event, ${system.stored?.signals ?? 0} signals`,
    );
  }
  const perEvent = (list: ConsumerRun[], pick: (r: ConsumerRun) => number) =>
    summarize(list.map((r) => pick(r) / r.measured)).median;
  const rate = summarize(pipeline.map((r) => r.rate));
  const ratio = pairRatioSummary(pipeline, store, (r) => r.rate);
  const first = pipeline[0]?.stored;
  ctx.figures.push({
    benchmark: '1 throughput',
    id: 'throughput.live',
    label: `pipeline, ${fmt(events)} live-shaped events (${fmt(traffic.cases)} cases interleaved), durable`,
    unit: 'events/s',
    system: rate,
    limit: { label: 'store limit, same traffic', summary: summarize(store.map((r) => r.rate)) },
    ratio,
    goals: [
      { text: '≥ 20,000 events/s (stretch 35,000)', met: rate.median >= 20_000 },
      { text: 'ratio ≥ 0.5', met: ratio.median >= 0.5 },
    ],
    note:
      `${runs} interleaved runs (store limit, pipeline, …)${runs < ctx.options.runs ? `, not ${ctx.options.runs}, to keep the run's time` : ''}. ` +
      `${fmt(traffic.cases)} cases, ${fmt(traffic.longCases)} of them long penalty cases (${fmt(traffic.eventsPerLongCase, 1)} events each), ` +
      `${fmt(traffic.eventsPerCase, 1)} events a case overall, sent interleaved (a case's k-th of n events at ~(k + ½)/n of the stream; ` +
      `no two decisions of a peer group or payments of a receipt number at one instant: ${fmt(traffic.untied.moved)} moved, by at most ` +
      `${fmt(traffic.untied.longestMoveMs / 1000)} s, since the rules order an instant's events by arrival, which differs between runs) ` +
      `to a fresh topic per run (${traffic.partitions} partitions, key = caseId) while it is consumed, at most ${fmt(window)} events ahead of the ` +
      `consumer's commits. Pipeline batches: ${compositionText(pipeline)}; store limit: ${compositionText(store)}. ` +
      `Pipeline: ${fmt(summarize(pipeline.map((r) => r.cpuPerEvent)).median, 1)} CPU µs/event (node ${fmt(
        perEvent(pipeline, (r) => r.cpu.node),
        1,
      )}, ` +
      `broker ${fmt(
        perEvent(pipeline, (r) => r.cpu.broker),
        1,
      )}, postgres ${fmt(
        perEvent(pipeline, (r) => r.cpu.postgres + r.cpu.postgresBackground),
        1,
      )}), ` +
      `read ${fmt(summarize(pipeline.map((r) => (r.stored?.auditRowsRead ?? 0) / r.measured)).median, 1)} audit_events rows back per event stored; ` +
      `stored ${fmt(first?.cases ?? 0)} cases, ${fmt(first?.signals ?? 0)} signals. Store limit: ${fmt(summarize(store.map((r) => r.cpuPerEvent)).median, 1)} CPU µs/event. ` +
      `The feeder (the orchestrator, committing the chunks' transactions) spent ${fmt(
        perEvent(pipeline, (r) => r.feederCpu ?? Number.NaN),
        1,
      )} µs/event of CPU in the pipeline runs, ` +
      `${fmt(
        perEvent(store, (r) => r.feederCpu ?? Number.NaN),
        1,
      )} in the store limit's, on the same cores.`,
  });

  // history: the same number of events in cases of 10 and of 50 events, both live-interleaved
  const historyEvents = Math.round(events / 2);
  const historyWindow = windowFor(historyEvents);
  const short = ctx.fixtures.liveTraffic({ kind: 'history', length: 10 }, historyEvents, HISTORY_SEED);
  const long = ctx.fixtures.liveTraffic({ kind: 'history', length: 50 }, historyEvents, HISTORY_SEED);
  const shortRuns: ConsumerRun[] = [];
  const longRuns: ConsumerRun[] = [];
  const cpu = (r: ConsumerRun) => (r.cpu.node + r.cpu.postgres + r.cpu.postgresBackground) / r.measured;
  for (let i = 0; i < runs; i += 1) {
    for (const [traffic, list] of [
      [short, shortRuns],
      [long, longRuns],
    ] as const) {
      const run = await fedRun(ctx, traffic, historyWindow, (topic, live) =>
        runPipeline(ctx, topic, historyEvents, undefined, {}, { live }),
      );
      list.push(run);
      say(
        `throughput history ${i + 1}/${runs}: cases of ${traffic.label.replace('history-', '')} events: pipeline ${fmt(run.rate)} events/s, ` +
          `${fmt(cpu(run), 1)} CPU µs/event (node + postgres), ${fmt((run.stored?.auditRowsRead ?? 0) / run.measured, 1)} audit rows read back per event`,
      );
    }
  }
  const historyRatio = pairRatioSummary(longRuns, shortRuns, cpu);
  ctx.figures.push({
    benchmark: '1 throughput',
    id: 'throughput.history',
    label: `CPU per event (node + postgres), cases of 50 events ÷ cases of 10, ${fmt(historyEvents)} live-shaped events each (lower is better)`,
    unit: 'µs',
    digits: 1,
    system: summarize(longRuns.map(cpu)),
    limit: { label: 'cases of 10 events', summary: summarize(shortRuns.map(cpu)) },
    ratio: historyRatio,
    goals: [{ text: 'ratio ≤ 1.3', met: historyRatio.median <= 1.3 }],
    note:
      `${runs} interleaved runs (10, 50, 10, 50, …)${runs < ctx.options.runs ? `, not ${ctx.options.runs}` : ''}. Penalty cases from the CaseGenerator, each the first 8 events of a lifecycle ` +
      `plus investigation rounds (step.completed "return", step.started again) to exactly 10 (${fmt(short.cases)} cases) or 50 events ` +
      `(${fmt(long.cases)} cases), interleaved and fed as for throughput.live (at most ${fmt(historyWindow)} events ahead of the pipeline's commits). ` +
      `Pipeline rate: ${fmt(summarize(shortRuns.map((r) => r.rate)).median)} events/s (10) against ${fmt(summarize(longRuns.map((r) => r.rate)).median)} (50); ` +
      `audit_events rows read back per event: ${fmt(
        perEvent(shortRuns, (r) => r.stored?.auditRowsRead ?? 0),
        1,
      )} against ${fmt(
        perEvent(longRuns, (r) => r.stored?.auditRowsRead ?? 0),
        1,
      )}; ` +
      `batches: ${compositionText(shortRuns)} (10); ${compositionText(longRuns)} (50).`,
  });
  ctx.details.throughputLive = {
    events,
    window,
    cases: traffic.cases,
    longCases: traffic.longCases,
    storeLimit: store,
    pipeline,
    history: {
      events: historyEvents,
      window: historyWindow,
      cases10: short.cases,
      cases50: long.cases,
      short: shortRuns,
      long: longRuns,
    },
  };

  // determinism: the first two pipeline runs of each traffic, each on a fresh database
  const pairs = [
    { label: 'backfill', sets: backfillSignals },
    { label: 'live', sets: liveSignals },
  ].filter((p) => p.sets.length >= 2);
  if (pairs.length === 0) {
    ctx.notMeasured.push({
      benchmark: '1 throughput',
      reason: 'throughput.determinism needs at least two runs',
    });
    return;
  }
  const differences = pairs.map(({ label, sets }) => ({
    label,
    ...compareSignals(sets[0] as string[], sets[1] as string[]),
  }));
  // a signal raised and then retracted by later data belongs to what happened while the events
  // arrived (ADR 2: live equals the replay of what has arrived), which batch timing changes; the
  // signals standing at the end must not depend on it
  const total = differences.reduce((sum, d) => sum + d.standingDifference, 0);
  ctx.figures.push({
    benchmark: '1 throughput',
    id: 'throughput.determinism',
    label: `signals standing in one of two pipeline runs over the same events and not alike in the other (${differences.map((d) => d.label).join(' + ')})`,
    unit: 'signals',
    system: summarize([total]),
    goals: [{ text: 'difference 0', met: total === 0 }],
    note:
      `the signals table (alert key, level, raisedAt, status) of the first two pipeline runs of each traffic, each on a fresh database, ` +
      `read after the pipeline stopped; the figure counts signals not retracted (standing), the note every row: ` +
      differences
        .map(
          (d) =>
            `${d.label}: ${fmt(d.first)} and ${fmt(d.second)} signals, standing ones differing ${fmt(d.standingDifference)}, ` +
            `all rows: symmetric difference ${fmt(d.difference)}` +
            (d.difference === 0
              ? ''
              : ` (alert keys in one run only: ${fmt(d.keysInOneOnly)}, of them retracted there ${fmt(d.retractedInOneOnly)}; ` +
                `in both but level differs: ${fmt(d.levelDiffers)}, ` +
                `raisedAt: ${fmt(d.raisedAtDiffers)}, status: ${fmt(d.statusDiffers)}; by rule: ` +
                d.byRule
                  .slice(0, 6)
                  .map(([rule, n]) => `${rule} ${fmt(n)}`)
                  .join(', ') +
                ')'),
        )
        .join('; ') +
      '.',
  });
  ctx.details.throughputDeterminism = differences;
}
