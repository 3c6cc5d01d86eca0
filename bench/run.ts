// `npm run bench [-- --quick] [-- --only throughput,deadlines,replay,fanout,latency] [-- --runs N]`
// Measures each system against a limit measured in the same run (limit, system, limit, system, …)
// on the real broker and PostgreSQL, and writes bench/results/latest.{json,md} plus a dated copy.
// Progress goes to stderr.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { kafkaUp } from '../deploy/local';
import { deadlinesBenchmark } from './deadlines';
import { fanoutBenchmark } from './fanout';
import { Fixtures } from './fixtures';
import type { BenchContext, BenchOptions } from './lib/context';
import { benchConfig, deleteLeftoverTopics, dropLeftoverDatabases, repoRoot } from './lib/infra';
import { describeMachine } from './lib/machine';
import { fmt, say } from './lib/progress';
import { BenchResults, markdown } from './lib/results';
import { settle } from './lib/settle';
import { latencyBenchmark } from './latency';
import { replayBenchmark } from './replay';
import { throughputBenchmark } from './throughput';

const BENCHMARKS: Record<string, (ctx: BenchContext) => Promise<void>> = {
  throughput: throughputBenchmark,
  deadlines: deadlinesBenchmark,
  replay: replayBenchmark,
  fanout: fanoutBenchmark,
  latency: latencyBenchmark,
};

/** A commander option parser for an integer of at least `minimum`. */
function integerAtLeast(minimum: number, message: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < minimum) throw new InvalidArgumentError(message);
    return n;
  };
}

function parseOptions(argv: string[]): BenchOptions {
  const names = Object.keys(BENCHMARKS);
  const program = new Command('bench')
    .description('Benchmarks measured as ratios against a limit measured in the same run (issue 9).')
    .option('--quick', 'fewer runs and events (a smoke run, not for the record)', false)
    .option('--only <names>', `comma-separated subset of ${names.join(', ')}`, (value: string) => {
      const chosen = value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);
      for (const name of chosen)
        if (!names.includes(name)) throw new InvalidArgumentError(`unknown benchmark ${name}`);
      return chosen;
    })
    .option(
      '--runs <n>',
      'interleaved runs of each limit and system (default 5, quick 3)',
      integerAtLeast(1, 'a positive integer'),
    )
    .option(
      '--events <n>',
      'events of the throughput topics (default 100,000, quick 30,000; the history streams take half): for trying things out',
      integerAtLeast(1000, 'an integer of at least 1000'),
    )
    .option(
      '--latency-rate <n>',
      'events/s of the latency bursts instead of half the capacity measured (to repeat a run at its load)',
      integerAtLeast(1, 'a positive integer'),
    )
    .option('--no-profile', 'skip the extra CPU-profiled pipeline run')
    .option('--no-save', 'do not write bench/results (for trying things out)');
  program.parse(argv, { from: 'user' });
  const opts = program.opts<{
    quick: boolean;
    only?: string[];
    runs?: number;
    events?: number;
    latencyRate?: number;
    profile: boolean;
    save: boolean;
  }>();
  return {
    quick: opts.quick,
    runs: opts.runs ?? (opts.quick ? 3 : 5),
    only: opts.only ?? names,
    events: opts.events,
    latencyRate: opts.latencyRate,
    profile: opts.profile,
    save: opts.save,
  };
}

/** The commit measured, and the files under apps/ and libs/ that differ from it (measured as they were). */
function source(): { commit: string; uncommitted: string[] } {
  const git = (...args: string[]) =>
    spawnSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).stdout?.trim() ?? '';
  return {
    commit: git('rev-parse', '--short', 'HEAD') || 'unknown',
    uncommitted: git('status', '--porcelain', '--', 'apps', 'libs')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3)),
  };
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const config = benchConfig();
  const started = new Date();
  say(
    `benchmarks: ${options.only.join(', ')}; ${options.runs} interleaved runs each${options.quick ? ' (quick)' : ''}`,
  );
  const kafka = await kafkaUp(config);
  process.env.KAFKA_BROKERS = kafka.brokers;
  const dropped = await dropLeftoverDatabases(config);
  const deleted = await deleteLeftoverTopics(config);
  if (dropped.length + deleted.length > 0)
    say(`removed what an interrupted run left: ${[...dropped, ...deleted].join(', ')}`);
  const machine = await describeMachine(config);
  say(`machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}`);

  const resultsDir = path.join(repoRoot, 'bench', 'results');
  const artefactsDir = path.join(resultsDir, 'artefacts');
  mkdirSync(artefactsDir, { recursive: true });
  const ctx: BenchContext = {
    config,
    options,
    fixtures: new Fixtures(config),
    resultsDir,
    artefactsDir,
    figures: [],
    notMeasured: [],
    details: { cores: os.cpus().length },
  };
  const failures: string[] = [];
  try {
    for (const name of options.only) {
      const settled = await settle(config);
      say(
        `machine ${settled.quiet ? 'quiet' : 'still busy'} after ${fmt(settled.seconds, 1)} s ` +
          `(CHECKPOINT, then CPUs ${fmt(settled.busy * 100, 0)} % busy)`,
      );
      const began = Date.now();
      say(`── ${name} ──`);
      try {
        await (BENCHMARKS[name] as (ctx: BenchContext) => Promise<void>)(ctx);
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        failures.push(`${name}: ${message}`);
        ctx.notMeasured.push({ benchmark: name, reason: `failed: ${message.split('\n')[0] ?? ''}` });
        say(`${name} FAILED: ${message}`);
      }
      say(`${name} took ${fmt((Date.now() - began) / 1000, 1)} s`);
    }
  } finally {
    await ctx.fixtures.dispose();
  }

  const finished = new Date();
  const results: BenchResults = {
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationSeconds: Math.round((finished.getTime() - started.getTime()) / 1000),
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    options: { ...options },
    machine,
    source: source(),
    figures: ctx.figures,
    notMeasured: ctx.notMeasured,
    details: ctx.details,
  };
  const table = markdown(results);
  process.stderr.write(`\n${table}\n`);
  if (options.save) {
    const stamp = started.toISOString().replace(/[:.]/g, '-').slice(0, 19);
    const json = `${JSON.stringify(results, null, 2)}\n`;
    const quick =
      options.quick ||
      options.events !== undefined ||
      options.latencyRate !== undefined ||
      options.only.length < Object.keys(BENCHMARKS).length;
    // a partial or quick run does not replace the record: it goes to its dated files only
    const names = quick ? [`${stamp}${options.quick ? '-quick' : '-partial'}`] : ['latest', stamp];
    for (const name of names) {
      writeFileSync(path.join(resultsDir, `${name}.json`), json);
      writeFileSync(path.join(resultsDir, `${name}.md`), table);
    }
    say(`results: ${names.map((n) => `bench/results/${n}.{json,md}`).join(', ')}`);
  }
  return failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
