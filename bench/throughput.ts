// Benchmark 1: throughput with durable persistence. N valid events are produced once to a topic
// of our own; then, interleaved, a do-nothing kafkajs eachBatch consumer (the limit) and the real
// pipeline process (fresh database, fresh consumer group) consume all of it. Both are timed from
// their first fetch after joining the group to the commit that completes the topic (lag 0), so
// process start, connections and the group join are not counted. CPU per event is summed over the
// Node process, the broker's JVM and the PostgreSQL processes working for the run's database.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { databaseUrl } from '@app/platform';
import { BenchChild, Report, worker } from './lib/child';
import type { BenchContext } from './lib/context';
import { recordProfile } from './lib/cpuprofile';
import { BenchDatabase, BenchTopic, benchKafka, brokerPid, postgresPids, repoRoot } from './lib/infra';
import { freePort } from './lib/ports';
import { CpuSnapshot, pidsNamed, snapshot, spent } from './lib/proc';
import { fmt, say } from './lib/progress';
import { pairRatios, summarize } from './lib/stats';

export interface ConsumerRun {
  rate: number;
  seconds: number;
  measured: number;
  batches: number;
  cpu: { node: number; broker: number; postgres: number; postgresBackground: number; total: number };
  cpuPerEvent: number;
  rssMiB: number;
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
  constructor(private readonly broker: number | undefined) {}
  onReport = (report: Report) => {
    if (report.kind !== 'start' && report.kind !== 'done') return;
    const pids = pidsNamed('postgres');
    if (this.broker !== undefined) pids.push(this.broker);
    this.at.set(report.kind, snapshot(pids));
  };
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
  variant: { nodeOptions?: string; main?: string } = {},
): Promise<ConsumerRun & { profileFile?: string }> {
  const database = await new BenchDatabase(ctx.config, 'tp').create();
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
      DATABASE_URL: database.url,
      DATABASE_NAME: database.name,
      KAFKA_BROKERS: ctx.config.KAFKA_BROKERS,
      TOPIC_APPROVAL_EVENTS: topic.name,
      TOPIC_DEAD_LETTERS: topic.deadLetters,
      TOPIC_ALERTS: topic.alerts,
      PIPELINE_GROUP_ID: groupId,
      PIPELINE_HTTP_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
      // explicit: the wall page's Vite build (scripts/build.mjs) sets NODE_ENV=production in the
      // process that runs it, so an inherited value depends on whether the page was just built
      NODE_ENV: 'production',
      BENCH_EXPECT: String(expect),
      BENCH_CPU_PROFILE: profileFile,
      // for A/B experiments only (bench/ab.ts); the recorded runs use none
      NODE_OPTIONS: variant.nodeOptions,
    },
    watch.onReport,
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
    } finally {
      await client.end();
    }
    if (run.stored.auditEvents !== expect)
      throw new Error(`the pipeline stored ${run.stored.auditEvents} audit events, expected ${expect}`);
    return { ...run, profileFile };
  } finally {
    await child.stop();
    await admin.end();
    await database.drop();
    await deleteGroup(ctx, groupId);
  }
}

export async function throughputBenchmark(ctx: BenchContext): Promise<void> {
  const events = ctx.options.quick ? 30_000 : 100_000;
  const topic = await ctx.fixtures.topic(events);
  const noop: ConsumerRun[] = [];
  const pipeline: ConsumerRun[] = [];
  for (let i = 0; i < ctx.options.runs; i += 1) {
    const limit = await runNoopConsumer(ctx, topic, events);
    noop.push(limit);
    say(
      `throughput ${i + 1}/${ctx.options.runs}: do-nothing consumer ${fmt(limit.rate)} events/s, ${fmt(limit.cpuPerEvent, 1)} CPU µs/event`,
    );
    const system = await runPipeline(ctx, topic, events);
    pipeline.push(system);
    say(
      `throughput ${i + 1}/${ctx.options.runs}: pipeline ${fmt(system.rate)} events/s (ratio ${(system.rate / limit.rate).toFixed(3)}), ` +
        `${fmt(system.cpuPerEvent, 1)} CPU µs/event (node ${fmt(system.cpu.node / system.measured, 1)}, broker ${fmt(system.cpu.broker / system.measured, 1)}, ` +
        `postgres ${fmt((system.cpu.postgres + system.cpu.postgresBackground) / system.measured, 1)}), ${system.stored?.signals ?? 0} signals`,
    );
  }
  const rate = summarize(pipeline.map((r) => r.rate));
  const limitRate = summarize(noop.map((r) => r.rate));
  const ratio = summarize(
    pairRatios(
      pipeline.map((r) => r.rate),
      noop.map((r) => r.rate),
    ),
  );
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
      `(pg_stat_user_tables: each batch re-folds its cases from their complete stored history). Do-nothing consumer: ` +
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
  ctx.details.throughput = { events, partitions: topic.partitions, noop, pipeline };

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
}
