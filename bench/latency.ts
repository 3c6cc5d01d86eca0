// Benchmark 2 of the issue: latency event → browser. The real pipeline and the real console run on
// one database and topics of their own; 500 wall clients (two processes) log in as the demo
// supervisor and connect to the console's socket.io wall. Events from the simulator's Backfill are
// produced at half the measured capacity in bursts; each client measures, for every signal an
// event raised, receipt − the send instant of that event (the signal's `triggeredBy`); signals a
// timer raised are counted. Limit, interleaved: a do-nothing consumer of a topic of its own fed at the same rate,
// measuring receipt − the producer's timestamp. The console's event-loop delay is recorded by a
// preloaded probe (workers/loop-probe.ts).
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Producer } from 'kafkajs';
import { BenchChild, Report, worker } from './lib/child';
import type { BenchContext } from './lib/context';
import { recordProfile } from './lib/cpuprofile';
import { appEnvironment, BenchDatabase, BenchTopic, benchKafka } from './lib/infra';
import { freePort } from './lib/ports';
import { fmt, say, sleep, waitFor } from './lib/progress';
import { summarize } from './lib/stats';
import { backfillMessages, BenchMessage, DEMO_CATALOG_DIR } from './fixtures';
import { LatencyHistogram } from './workers/latency-histogram';
import { nowMs } from './workers/report';

const DEMO_PASSWORD = 'bench-demo-password';
const CLIENTS = 500;

/** Sends `messages` at `rate` per second (in 10 ms steps), calling `onSent` with each chunk's send instant. */
async function paced(
  producer: Producer,
  topic: string,
  messages: BenchMessage[],
  rate: number,
  headers: Record<string, string>,
  onSent: (chunk: BenchMessage[], at: number) => void = () => undefined,
): Promise<void> {
  const started = nowMs();
  const pending = new Set<Promise<unknown>>();
  let sent = 0;
  while (sent < messages.length) {
    const due = Math.min(messages.length, Math.floor(((nowMs() - started) / 1000) * rate) + 1);
    if (due > sent) {
      const chunk = messages.slice(sent, due);
      sent = due;
      onSent(chunk, nowMs());
      const sending = producer.send({
        topic,
        acks: -1,
        messages: chunk.map((m) => ({ key: m.key, value: m.value, headers })),
      });
      pending.add(sending);
      void sending.finally(() => pending.delete(sending)).catch(() => undefined);
    }
    await sleep(10);
  }
  await Promise.all(pending);
}

/** The eventId of a message: a signal it raises names it in `triggeredBy`. */
function eventIdOf(message: BenchMessage): string {
  return (JSON.parse(message.value.toString('utf8')) as { eventId: string }).eventId;
}

async function metric(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

async function healthy(label: string, port: number, child: BenchChild): Promise<void> {
  const up = waitFor(
    `${label} on port ${port} to be healthy`,
    async () => {
      const response = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
      return response?.ok ? true : undefined;
    },
    90_000,
    250,
  );
  // fails at once when the process exits (with its output), else when waiting times out
  await Promise.race([up, child.next('never', 120_000)]);
}

export async function latencyBenchmark(ctx: BenchContext): Promise<void> {
  const runs = ctx.options.runs;
  const burstSeconds = ctx.options.quick ? 6 : 12;
  // half the measured capacity of the whole path: the pipeline's (benchmark 1) or the wall's,
  // whichever is lower; the wall's is benchmark 5's socket.io frames/s over 500 clients and the
  // signals an event of this workload raises, measured in a warm-up burst
  const pipelineRate = (ctx.details.throughputMedian as number | undefined) ?? 5000;
  const wallFrames = (ctx.details.fanoutMedian as number | undefined) ?? 25_000;
  const warmupRate = 20;
  // skip the start of the backfill (its first cases): later events find longer histories
  const all = backfillMessages(15_000 + 5000);
  let next = 5000;
  const take = (n: number) => {
    if (next + n > all.length) throw new Error('not enough events for the latency bursts');
    next += n;
    return all.slice(next - n, next);
  };

  const database = await new BenchDatabase(ctx.config, 'lat').create();
  const topic = await new BenchTopic(ctx.config).create();
  const probeTopic = await new BenchTopic(ctx.config).create();
  const children: BenchChild[] = [];
  const suffix = randomUUID().slice(0, 8);
  try {
    const common = { ...appEnvironment(ctx.config, database, topic), CATALOG_DIR: DEMO_CATALOG_DIR };
    const pipelinePort = await freePort();
    const pipeline = new BenchChild('pipeline', ['dist/apps/pipeline/src/main.js'], {
      ...common,
      PIPELINE_GROUP_ID: `bench-pipeline-${suffix}`,
      PIPELINE_HTTP_PORT: String(pipelinePort),
    });
    children.push(pipeline);
    await healthy('pipeline', pipelinePort, pipeline);
    const consolePort = await freePort();
    const consoleApp = new BenchChild(
      'console',
      ['--require', worker('loop-probe'), 'dist/apps/console/src/main.js'],
      {
        ...common,
        CONSOLE_HTTP_PORT: String(consolePort),
        DEMO_SEED_USERS: 'true',
        DEMO_PASSWORD,
        JWT_SECRET: randomUUID().replace(/-/g, '') + randomUUID().replace(/-/g, ''),
        // production requires the key of the secrets sealed at rest (ADR 14), like the JWT key
        SECRETS_KEY: randomUUID().replace(/-/g, ''),
        NOTIFIER_GROUP_ID: `bench-notifier-${suffix}`,
      },
    );
    children.push(consoleApp);
    await healthy('console', consolePort, consoleApp);
    const login = await fetch(`http://127.0.0.1:${consolePort}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'jiancha', password: DEMO_PASSWORD }),
    });
    if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const { token } = (await login.json()) as { token: string };
    const clients = [0, 1].map(
      () =>
        new BenchChild('wall clients', [
          worker('latency-clients'),
          `http://127.0.0.1:${consolePort}`,
          token,
          String(CLIENTS / 2),
        ]),
    );
    children.push(...clients);
    const connected = await Promise.all(clients.map((c) => c.next('connected', 120_000)));
    const connections = connected.reduce((sum, r) => sum + (r.connections as number), 0);
    if (connections !== CLIENTS)
      throw new Error(`${connections} wall clients connected, expected ${CLIENTS}`);
    const probe = new BenchChild('latency probe', [
      worker('latency-probe-consumer'),
      probeTopic.name,
      `bench-probe-${suffix}`,
    ]);
    children.push(probe);
    await probe.next('ready', 60_000);
    say(
      `latency: pipeline, console, ${CLIENTS} wall clients (supervisor login) and the probe consumer ready`,
    );

    let produced = 0;
    let countSeq = 0;
    const deliveries = async () => {
      countSeq += 1;
      for (const c of clients) c.send(`count ${countSeq}`);
      const counts = await Promise.all(clients.map((c) => c.next(`count-${countSeq}`, 30_000)));
      return counts.reduce((sum, r) => sum + (r.deliveries as number), 0);
    };
    const system: {
      p50: number;
      p99: number;
      deliveries: number;
      unmatched: number;
      timerRaised: number;
    }[] = [];
    const limit: { p50: number; p99: number }[] = [];
    const loops: { p99Ms: number; maxMs: number }[] = [];
    const collect = async (from: BenchChild[], id: string) =>
      LatencyHistogram.merge(
        (await Promise.all(from.map((c) => c.next(`latency-${id}`, 30_000)))).map(
          (r: Report) => r.histogram as [number, number][],
        ),
      );
    /** One burst through the system: the events topic → pipeline → outbox → supervision.alerts → console → clients. */
    const systemBurst = async (id: string, messages: BenchMessage[], rate: number) => {
      for (const c of clients) c.send(`burst ${id}`);
      consoleApp.send('loop-reset');
      const before = await deliveries();
      await paced(topic.producer, topic.name, messages, rate, { burst: id }, (chunk, at) => {
        const line = `sent ${chunk.map((m) => `${eventIdOf(m)} ${at.toFixed(1)}`).join(' ')}`;
        for (const c of clients) c.send(line);
      });
      produced += messages.length;
      await waitFor(
        'the pipeline to consume the burst',
        async () =>
          (await metric(pipelinePort, 'jiancha_events_consumed_total')) >= produced ? true : undefined,
        120_000,
        200,
      );
      // until the wall has delivered everything (no new delivery for a second)
      let last = -1;
      for (let seen = await deliveries(); seen !== last; seen = await deliveries()) {
        last = seen;
        await sleep(1000);
      }
      consoleApp.send(`loop-report ${id}`);
      const loop = await consoleApp.next(`loop-${id}`, 30_000);
      for (const c of clients) c.send(`report ${id}`);
      const reports = await Promise.all(clients.map((c) => c.next(`latency-${id}`, 30_000)));
      return {
        histogram: LatencyHistogram.merge(reports.map((r) => r.histogram as [number, number][])),
        unmatched: reports.reduce((sum, r) => sum + (r.unmatched as number), 0),
        timerRaised: reports.reduce((sum, r) => sum + (r.timerRaised as number), 0),
        frames: last - before,
        loop,
      };
    };

    // warm-up: how many signals an event of this workload raises (every client gets each)
    const warmupEvents = take(Math.round(warmupRate * burstSeconds));
    const warm = await systemBurst('warmup', warmupEvents, warmupRate);
    const signalsPerEvent = Math.max(0.01, warm.frames / CLIENTS / warmupEvents.length);
    const wallRate = wallFrames / (CLIENTS * signalsPerEvent);
    const capacity = Math.min(pipelineRate, wallRate);
    const rate = ctx.options.latencyRate ?? Math.max(5, Math.round(capacity / 2));
    say(
      `latency: ${signalsPerEvent.toFixed(2)} signals per event; capacity ${fmt(capacity)} events/s (pipeline ${fmt(pipelineRate)}, ` +
        `wall ${fmt(wallRate)} = ${fmt(wallFrames)} frames/s ÷ ${CLIENTS} clients ÷ ${signalsPerEvent.toFixed(2)}); bursts of ${burstSeconds} s at ${fmt(rate)} events/s`,
    );
    for (let i = 0; i < runs; i += 1) {
      const id = String(i);
      const messages = take(Math.round(rate * burstSeconds));
      // limit: a topic of its own at the same rate, a do-nothing consumer
      await paced(probeTopic.producer, probeTopic.name, messages, rate, { burst: id });
      await sleep(1000);
      probe.send(`report ${id}`);
      const probed = await collect([probe], id);
      const run = await systemBurst(id, messages, rate);
      const delivered = run.histogram;
      const loop = run.loop;
      system.push({
        p50: delivered.quantile(0.5),
        p99: delivered.quantile(0.99),
        deliveries: delivered.count,
        unmatched: run.unmatched,
        timerRaised: run.timerRaised,
      });
      limit.push({ p50: probed.quantile(0.5), p99: probed.quantile(0.99) });
      loops.push({ p99Ms: loop.p99Ms as number, maxMs: loop.maxMs as number });
      say(
        `latency ${i + 1}/${runs}: event → wall p50 ${fmt(delivered.quantile(0.5))} ms, p99 ${fmt(delivered.quantile(0.99))} ms ` +
          `(${fmt(delivered.count)} deliveries, ${fmt(run.timerRaised)} more of signals a timer raised); do-nothing consumer p50 ${fmt(probed.quantile(0.5))} ms, p99 ${fmt(probed.quantile(0.99))} ms; ` +
          `console event loop p99 ${fmt(loop.p99Ms as number, 1)} ms`,
      );
    }
    if (ctx.options.profile) {
      say('latency: one more (unmeasured) burst with the CPU profiler on in the console');
      const file = path.join(ctx.artefactsDir, `console-${Date.now()}.cpuprofile`);
      consoleApp.send('profile-start');
      await consoleApp.next('profile-started', 30_000);
      const started = nowMs();
      const messages = take(Math.round(rate * burstSeconds));
      await systemBurst('profiled', messages, rate);
      consoleApp.send(`profile-stop ${file}`);
      await consoleApp.next('profile', 60_000);
      recordProfile(ctx, {
        title: `console during a latency burst (${fmt(rate)} events/s, ${CLIENTS} wall clients; V8 sampling profiler, 1 ms)`,
        file,
        rate: messages.length / ((nowMs() - started) / 1000),
        wallMs: Math.round(nowMs() - started),
      });
    }
    const p99 = summarize(system.map((r) => r.p99));
    const limitP99 = summarize(limit.map((r) => r.p99));
    const above = summarize(system.map((r, i) => r.p99 - (limit[i]?.p99 ?? Number.NaN)));
    const loopP99 = summarize(loops.map((r) => r.p99Ms));
    ctx.figures.push({
      benchmark: '2 latency',
      id: 'latency.p99',
      label: `event → wall p99, ${CLIENTS} clients, ${fmt(rate)} events/s`,
      unit: 'ms',
      system: p99,
      limit: { label: 'do-nothing consumer p99', summary: limitP99 },
      goals: [
        { text: `p99 ≤ limit + 100 ms (+${fmt(above.median)} ms)`, met: above.median <= 100 },
        {
          text: `console event loop p99 ≤ 20 ms (${fmt(loopP99.median, 1)} ms)`,
          met: loopP99.median <= 20,
        },
      ],
      note:
        `half of the lower capacity: pipeline ${fmt(pipelineRate)} events/s (benchmark 1), wall ${fmt(wallRate)} events/s ` +
        `(${fmt(wallFrames)} frames/s of benchmark 5 over ${CLIENTS} clients at ${signalsPerEvent.toFixed(2)} signals per event, measured in a warm-up burst: ` +
        `every backfilled event re-folds a months-old case whose deadlines are past, so most raise a signal); bursts of ${burstSeconds} s; ` +
        `latency from the send instant of the event that raised the signal (its triggeredBy) to its receipt, per client and signal; ` +
        `signals a timer raised are counted, not timed (the event that moved the watermark past them is not known to the client).`,
    });
    ctx.figures.push({
      benchmark: '2 latency',
      id: 'latency.p50',
      label: `event → wall p50, ${CLIENTS} clients, ${fmt(rate)} events/s`,
      unit: 'ms',
      system: summarize(system.map((r) => r.p50)),
      limit: { label: 'do-nothing consumer p50', summary: summarize(limit.map((r) => r.p50)) },
    });
    ctx.details.latency = {
      rate,
      capacity,
      pipelineRate,
      wallRate,
      signalsPerEvent,
      burstSeconds,
      system,
      limit,
      loops,
    };
  } finally {
    for (const child of children.reverse()) await child.stop(10_000);
    await topic.dispose();
    await probeTopic.dispose();
    await database.drop();
    const admin = benchKafka(ctx.config).admin();
    await admin.connect();
    await admin
      .deleteGroups([`bench-pipeline-${suffix}`, `bench-notifier-${suffix}`, `bench-probe-${suffix}`])
      .catch(() => undefined);
    await admin.disconnect();
  }
}
