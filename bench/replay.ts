// Benchmark 3: replay speed.
// Offline: the replay command as `npm run build` bundles it (dist/replay/main.js, signals to
// --out) on a file of simulator events, timed as a whole process; limit: a process that reads the
// same file and JSON.parses every line, no engine.
// Window: the console's WindowReplayer (issue 7) over the stored audit events of a window; limits:
// a cursor read of the same rows (the core write path issue's goal: 0.6 × its rate) and the
// do-nothing Kafka consumer (issue 7's goal: 0.6 × its rate); for comparison, a cursor straight
// into a ReplayEngine.
import path from 'node:path';
import { BenchChild, Report, worker } from './lib/child';
import type { BenchContext } from './lib/context';
import { recordProfile } from './lib/cpuprofile';
import { fmt, say } from './lib/progress';
import { pairRatios, summarize } from './lib/stats';
import { DEMO_CATALOG_DIR } from './fixtures';
import { runNoopConsumer } from './throughput';

async function timedProcess(label: string, args: string[]): Promise<{ seconds: number; reports: Report[] }> {
  const reports: Report[] = [];
  const started = performance.now();
  const child = new BenchChild(label, args, {}, (r) => reports.push(r));
  await child.done(600_000);
  return { seconds: (performance.now() - started) / 1000, reports };
}

export async function replayBenchmark(ctx: BenchContext): Promise<void> {
  const events = ctx.options.quick ? 100_000 : 300_000;
  const runs = ctx.options.runs;
  const file = await ctx.fixtures.eventsFile(events);
  const out = path.join(ctx.fixtures.scratch, 'signals.jsonl');
  const replayArgs = (events: string) => [
    'dist/replay/main.js',
    '--events',
    events,
    '--catalog',
    DEMO_CATALOG_DIR,
    '--out',
    out,
  ];

  // the fixed cost of starting each process (modules, catalogue), for the reader: a one-event file
  const oneLine = await ctx.fixtures.eventsFile(1);
  const startup = { replay: [] as number[], parse: [] as number[] };
  for (let i = 0; i < 3; i += 1) {
    startup.parse.push(
      (await timedProcess('parse lines (1 event)', [worker('parse-lines'), oneLine])).seconds,
    );
    startup.replay.push((await timedProcess('replay (1 event)', replayArgs(oneLine))).seconds);
  }

  const parseRates: number[] = [];
  const replayRates: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const limit = await timedProcess('parse lines', [worker('parse-lines'), file]);
    if (limit.reports[0]?.lines !== events)
      throw new Error(`parse-lines read ${String(limit.reports[0]?.lines)} lines`);
    parseRates.push(events / limit.seconds);
    const system = await timedProcess('replay command', replayArgs(file));
    replayRates.push(events / system.seconds);
    say(
      `replay ${i + 1}/${runs}: offline replay ${fmt(events / system.seconds)} events/s (${fmt(system.seconds, 2)} s), ` +
        `read + JSON.parse ${fmt(events / limit.seconds)} events/s`,
    );
  }
  const replayStartup = summarize(startup.replay).median;
  const replay = summarize(replayRates);
  ctx.figures.push({
    benchmark: '3 replay',
    id: 'replay.offline',
    label: `offline replay command, ${fmt(events)} events, whole process`,
    unit: 'events/s',
    system: replay,
    limit: { label: 'read + JSON.parse, whole process', summary: summarize(parseRates) },
    ratio: summarize(pairRatios(replayRates, parseRates)),
    goals: [{ text: '≥ 100,000 events/s', met: replay.median >= 100_000 }],
    note:
      `process start included: the replay command takes ${fmt(replayStartup, 2)} s on a one-event file ` +
      `(read + JSON.parse: ${fmt(summarize(startup.parse).median, 2)} s); without it the replay runs at ` +
      `${fmt(events / (events / replay.median - replayStartup))} events/s. The command reads the file once (validated in 2 MiB chunks), then replays in occurredAt order, on worker threads from 4 MiB.`,
  });

  // window replay from the database
  const windowEvents = ctx.options.quick ? 50_000 : 200_000;
  const database = await ctx.fixtures.auditDatabase(windowEvents);
  const from = '2026-03-01T00:00:00+08:00';
  const to = '2026-07-01T00:00:00+08:00';
  const windowArgs = (mode: string) => [
    worker('window-replay'),
    database.url,
    mode,
    from,
    to,
    DEMO_CATALOG_DIR,
  ];
  const windowRun = async (mode: string) => {
    const run = await timedProcess(`window replay (${mode})`, windowArgs(mode));
    const report = run.reports.find((r) => r.kind === 'window');
    if (!report) throw new Error('window replay reported nothing');
    if (report.rows !== windowEvents)
      throw new Error(`window replay (${mode}) read ${String(report.rows)} rows, expected ${windowEvents}`);
    return report;
  };
  let noopRates = ctx.details.noopConsumerRates as number[] | undefined;
  const measureNoop = noopRates === undefined;
  const noopEvents = ctx.options.quick ? 30_000 : 100_000;
  const topic = measureNoop ? await ctx.fixtures.topic(noopEvents) : undefined;
  if (measureNoop) noopRates = [];
  const plainRates: number[] = [];
  const engineRates: number[] = [];
  const replayerRates: number[] = [];
  const replayerPhaseRates: number[] = [];
  const replayerRuns: Report[] = [];
  const engineRuns: Report[] = [];
  for (let i = 0; i < runs; i += 1) {
    if (topic && noopRates) noopRates.push((await runNoopConsumer(ctx, topic, noopEvents)).rate);
    const plain = await windowRun('plain');
    plainRates.push(windowEvents / (plain.seconds as number));
    const replayer = await windowRun('replayer');
    replayerRuns.push(replayer);
    replayerRates.push(windowEvents / (replayer.seconds as number));
    replayerPhaseRates.push(windowEvents / (replayer.replaySeconds as number));
    const engine = await windowRun('engine');
    engineRuns.push(engine);
    engineRates.push(windowEvents / (engine.seconds as number));
    say(
      `replay ${i + 1}/${runs}: window replay (WindowReplayer) ${fmt(replayerRates[i] as number)} events/s, ` +
        `cursor → engine ${fmt(engineRates[i] as number)} events/s, cursor read ${fmt(plainRates[i] as number)} events/s` +
        (topic ? `, do-nothing consumer ${fmt(noopRates?.[i] ?? Number.NaN)} events/s` : ''),
    );
  }
  const replayerRate = summarize(replayerRates);
  const windowRatio = summarize(pairRatios(replayerRates, plainRates));
  const noop = summarize(noopRates ?? []);
  const first = replayerRuns[0];
  ctx.figures.push({
    benchmark: '3 replay',
    id: 'replay.window',
    label: `window replay (the console's WindowReplayer), ${fmt(windowEvents)} stored events, whole run`,
    unit: 'events/s',
    system: replayerRate,
    limit: { label: 'cursor read of the same rows', summary: summarize(plainRates) },
    ratio: windowRatio,
    goals: [
      { text: 'ratio ≥ 0.6', met: windowRatio.median >= 0.6 },
      {
        text: `≥ 0.6 × the do-nothing consumer (${fmt(noop.median)} events/s${measureNoop ? ', measured interleaved here' : ', benchmark 1 of this run'}): ${(replayerRate.median / noop.median).toFixed(2)} ×`,
        met: replayerRate.median >= 0.6 * noop.median,
      },
    ],
    note:
      `window ${from} … ${to} (every stored event), lookback 0, all departments; the whole run (scoping, replaying, diff) ` +
      `over ${String(first?.cases)} cases, ${String(first?.signals)} signals in the window; its replaying phase alone ` +
      `${fmt(summarize(replayerPhaseRates).median)} events/s; peak heap ${String(first?.peakHeapMiB)} MiB. ` +
      `For comparison, a cursor (FETCH 5,000, next one in flight) straight into a ReplayEngine: ` +
      `${fmt(summarize(engineRates).median)} events/s (${fmt(summarize(engineRates).min)}–${fmt(summarize(engineRates).max)}).`,
  });
  ctx.details.replay = {
    events,
    windowEvents,
    startup,
    parseRates,
    replayRates,
    plainRates,
    replayerRates,
    replayerPhaseRates,
    engineRates,
    noopRates,
    replayerRuns,
    engineRuns,
  };

  if (ctx.options.profile) {
    say('replay: one more (unmeasured) run of each with the CPU profiler on (`node --cpu-prof`)');
    const profiled = (name: string) => {
      const file = path.join(ctx.artefactsDir, `${name}-${Date.now()}.cpuprofile`);
      return {
        file,
        flags: ['--cpu-prof', '--cpu-prof-dir', path.dirname(file), '--cpu-prof-name', path.basename(file)],
      };
    };
    const offline = profiled('replay-command');
    const offlineRun = await timedProcess('replay command (profiled)', [
      ...offline.flags,
      ...replayArgs(file),
    ]);
    recordProfile(ctx, {
      title: `offline replay command, ${fmt(events)} events, whole process (node --cpu-prof)`,
      file: offline.file,
      rate: events / offlineRun.seconds,
      wallMs: Math.round(offlineRun.seconds * 1000),
    });
    const window = profiled('window-replay');
    const windowProfiled = await timedProcess('window replay (profiled)', [
      ...window.flags,
      ...windowArgs('replayer'),
    ]);
    const seconds = windowProfiled.reports.find((r) => r.kind === 'window')?.seconds as number;
    recordProfile(ctx, {
      title: `window replay (WindowReplayer), ${fmt(windowEvents)} stored events, whole process (node --cpu-prof)`,
      file: window.file,
      rate: windowEvents / seconds,
      wallMs: Math.round(windowProfiled.seconds * 1000),
    });
  }
}
