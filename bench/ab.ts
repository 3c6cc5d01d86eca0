// A/B throughput of two pipeline builds (or Node options), interleaved on one topic, for whoever
// changes the pipeline and wants to know what the change is worth here:
//   node scripts/run-ts.mjs bench/ab.ts --b /path/to/other/checkout [--a <checkout>] [--runs 5] [--events 100000]
//   node scripts/run-ts.mjs bench/ab.ts --b-node-options=--max-semi-space-size=64
//   node scripts/run-ts.mjs bench/ab.ts --b <checkout> --live   (live-shaped traffic, fed while consumed)
//   node scripts/run-ts.mjs bench/ab.ts --a-sql old-indexes.sql   (a schema experiment: SQL run on A's
//     database after the migrations, e.g. the indexes a new migration dropped)
// A checkout is a directory holding a built dist/ (run `node scripts/build.mjs` there); A defaults
// to this one. Prints the medians and the B/A ratios of events/s and CPU µs/event.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { kafkaUp } from '../deploy/local';
import { Fixtures } from './fixtures';
import type { BenchContext } from './lib/context';
import { benchConfig, repoRoot } from './lib/infra';
import { fmt, say } from './lib/progress';
import { pairRatioSummary, summarize } from './lib/stats';
import { ConsumerRun, fedRun, LIVE_SEED, runPipeline, windowFor } from './throughput';

async function main(): Promise<void> {
  const options = new Command('ab')
    .option('--a <dir>', 'checkout A (default: this one)', repoRoot)
    .option('--b <dir>', 'checkout B (default: this one)', repoRoot)
    .option('--a-node-options <flags>', 'NODE_OPTIONS of A')
    .option('--b-node-options <flags>', 'NODE_OPTIONS of B')
    .option('--a-sql <file>', "SQL run on A's database after the migrations")
    .option('--b-sql <file>', "SQL run on B's database after the migrations")
    .option('--runs <n>', 'pairs of runs', (v) => Number(v), 5)
    .option('--events <n>', 'events on the topic', (v) => Number(v), 100_000)
    .option(
      '--live',
      "throughput.live's traffic (cases interleaved, fed while consumed) instead of the backfill",
    )
    .parse(process.argv)
    .opts<{
      a: string;
      b: string;
      aNodeOptions?: string;
      bNodeOptions?: string;
      aSql?: string;
      bSql?: string;
      runs: number;
      events: number;
      live?: boolean;
    }>();
  const config = benchConfig();
  process.env.KAFKA_BROKERS = (await kafkaUp(config)).brokers;
  const fixtures = new Fixtures(config);
  const ctx: BenchContext = {
    config,
    fixtures,
    options: { quick: false, runs: options.runs, only: [], profile: false, save: false },
    resultsDir: '',
    artefactsDir: '',
    figures: [],
    notMeasured: [],
    details: {},
  };
  const variantOf = (dir: string, nodeOptions?: string, sqlFile?: string) => {
    const main = path.resolve(dir, 'dist/apps/pipeline/src/main.js');
    return {
      main,
      nodeOptions,
      setupSql: sqlFile === undefined ? undefined : readFileSync(sqlFile, 'utf8'),
      label: [main, nodeOptions && `NODE_OPTIONS=${nodeOptions}`, sqlFile && `+ ${sqlFile}`]
        .filter(Boolean)
        .join(' '),
    };
  };
  const variants = {
    A: variantOf(options.a, options.aNodeOptions, options.aSql),
    B: variantOf(options.b, options.bNodeOptions, options.bSql),
  };
  const runs: Record<'A' | 'B', ConsumerRun[]> = { A: [], B: [] };
  try {
    const backfill = options.live ? undefined : await fixtures.topic(options.events);
    const traffic = options.live
      ? fixtures.liveTraffic({ kind: 'live' }, options.events, LIVE_SEED)
      : undefined;
    const once = (variant: (typeof variants)['A']) =>
      traffic
        ? fedRun(ctx, traffic, windowFor(options.events), (topic, live) =>
            runPipeline(ctx, topic, options.events, undefined, variant, { live }),
          )
        : runPipeline(ctx, backfill!, options.events, undefined, variant);
    for (let i = 0; i < options.runs; i += 1) {
      for (const name of ['A', 'B'] as const) {
        const run = await once(variants[name]);
        runs[name].push(run);
        say(
          `${name} ${i + 1}/${options.runs}: ${fmt(run.rate)} events/s, ${fmt(run.cpuPerEvent, 1)} CPU µs/event ` +
            `(node ${fmt(run.cpu.node / run.measured, 1)}, postgres ${fmt((run.cpu.postgres + run.cpu.postgresBackground) / run.measured, 1)})`,
        );
      }
    }
  } finally {
    await fixtures.dispose();
  }
  const rate = (r: ConsumerRun) => r.rate;
  const node = (r: ConsumerRun) => r.cpu.node / r.measured;
  const pg = (r: ConsumerRun) => (r.cpu.postgres + r.cpu.postgresBackground) / r.measured;
  const line = (label: string, pick: (r: ConsumerRun) => number, digits: number) => {
    const a = summarize(runs.A.map(pick));
    const b = summarize(runs.B.map(pick));
    const ratio = pairRatioSummary(runs.B, runs.A, pick);
    return `${label.padEnd(22)} A ${fmt(a.median, digits)} (${fmt(a.min, digits)}–${fmt(a.max, digits)})  B ${fmt(b.median, digits)} (${fmt(b.min, digits)}–${fmt(b.max, digits)})  B/A ${ratio.median.toFixed(2)} (${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)})`;
  };
  process.stdout.write(
    `A: ${variants.A.label}\nB: ${variants.B.label}\n` +
      `${line('events/s', rate, 0)}\n${line('node CPU µs/event', node, 1)}\n${line('postgres CPU µs/event', pg, 1)}\n`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`ab: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
