/**
 * `npm run replay:scale -- [--events 1000000] [--page 5000] [--keep]`: fills a scratch database's
 * audit store with simulated events, replays the whole window with the console's replayer, and
 * reports throughput and memory (sampled every 250 ms). The integration suite runs the same with
 * 200,000 events through the console's API (test/integration/replay/replay-scale.int-spec.ts).
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { loadCatalogDirectory } from '@app/catalog';
import {
  createDataSource,
  loadLiveCatalog,
  PgCatalogVersionStore,
  rows,
  WindowReplayer,
} from '@app/persistence';
import { configFromEnvironment, databaseUrl } from '@app/platform';
import { pagedReplay } from '@app/rules';
import { ensureDatabases } from '../deploy/local';
import { dropDatabase } from '../test/support/own-database';
import { fillAuditStore } from '../apps/simulator/src/scale/simulated-audit-store';

const MB = 1024 * 1024;

async function main(): Promise<void> {
  const options = new Command('replay-scale')
    .option('--events <n>', 'events to store and replay', (text) => Number(text), 1_000_000)
    .option('--page <n>', 'events per page of the cursor', (text) => Number(text), 5000)
    .option('--keep', 'keep the scratch database')
    .parse(process.argv)
    .opts<{ events: number; page: number; keep?: boolean }>();
  const config = configFromEnvironment();
  const catalogDir = path.resolve(config.CATALOG_DIR);
  const name = `jiancha_scale_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  await ensureDatabases(config, [name]);
  const url = databaseUrl(config, name);
  const dataSource = await createDataSource(url, { poolSize: 4 }).initialize();
  const say = (line: string) => process.stderr.write(`${line}\n`);
  try {
    const filling = new SingleBar({
      format: 'storing   [{bar}] {value}/{total} events',
      stream: process.stderr,
    });
    filling.start(options.events, 0);
    const filled = await fillAuditStore(dataSource, {
      events: options.events,
      catalogDir,
      onProgress: (stored) => filling.update(stored),
    });
    filling.stop();
    say(
      `stored ${filled.events} events of ${filled.cases} cases (${filled.firstOccurredAt} … ${filled.lastOccurredAt}) in ${(filled.durationMs / 1000).toFixed(1)} s`,
    );
    const versions = new PgCatalogVersionStore(dataSource);
    await versions.seedIfEmpty(await loadCatalogDirectory(catalogDir), `seeded from ${catalogDir}`);
    const { history } = await loadLiveCatalog(versions, catalogDir);
    const [run] = await rows<{ id: string }>(
      dataSource,
      `INSERT INTO replay_runs (requested_by, requested_role, window_from, window_to, watermark, catalog_mode, lookback_days, status)
       VALUES ('replay-scale', 'auditor', $1, $2, $2, 'in-force', 0, 'running') RETURNING id`,
      [filled.firstOccurredAt, new Date(Date.parse(filled.lastOccurredAt) + 86_400_000).toISOString()],
    );

    (globalThis as { gc?: () => void }).gc?.();
    const samples: { at: number; heap: number; rss: number }[] = [];
    const started = Date.now();
    const sampler = setInterval(() => {
      const usage = process.memoryUsage();
      samples.push({ at: Date.now() - started, heap: usage.heapUsed, rss: usage.rss });
    }, 250);
    const bar = new SingleBar({
      format:
        'replaying [{bar}] {value}/{total} events | {rate} events/s | heap {heap} MB | cases held {held}',
      stream: process.stderr,
    });
    bar.start(filled.events, 0, { rate: 0, heap: 0, held: 0 });
    // every 100,000 events, the live heap (after a full collection, with --expose-gc) and the cases held
    const gc = (globalThis as { gc?: () => void }).gc;
    const liveHeap: { events: number; heapMb: number; casesHeld: number }[] = [];
    let nextSample = 100_000;
    const outcome = await new WindowReplayer(dataSource, {
      pageSize: options.page,
      onProgress: (progress) => {
        if (gc && progress.phase === 'replaying' && progress.eventsRead >= nextSample) {
          nextSample += 100_000;
          gc();
          liveHeap.push({
            events: progress.eventsRead,
            heapMb: Math.round(process.memoryUsage().heapUsed / MB),
            casesHeld: progress.casesInMemory,
          });
        }
        bar.update(progress.eventsRead, {
          rate: progress.eventsPerSecond,
          heap: Math.round(progress.heapUsedBytes / MB),
          held: progress.casesInMemory,
        });
      },
    }).run({
      runId: run?.id as string,
      fromMs: Date.parse(filled.firstOccurredAt),
      endMs: Date.parse(filled.lastOccurredAt) + 86_400_000,
      departments: null,
      lookbackDays: 0,
      replay: pagedReplay(history),
    });
    clearInterval(sampler);
    bar.stop();
    const quarter = (index: number) => {
      const slice = samples.slice(
        Math.floor((index * samples.length) / 4),
        Math.floor(((index + 1) * samples.length) / 4),
      );
      return Math.round(Math.max(...slice.map((sample) => sample.heap)) / MB);
    };
    const report = {
      events: outcome.eventsRead,
      cases: outcome.casesTotal,
      signals: outcome.signals,
      seconds: Number((outcome.elapsedMs / 1000).toFixed(1)),
      eventsPerSecond: outcome.eventsPerSecond,
      heapStartMb: Math.round(outcome.memory.startHeapUsedBytes / MB),
      heapPeakMb: Math.round(outcome.memory.peakHeapUsedBytes / MB),
      heapPeakByQuarterMb: [0, 1, 2, 3].map(quarter),
      rssStartMb: Math.round(outcome.memory.startRssBytes / MB),
      rssPeakMb: Math.round(outcome.memory.peakRssBytes / MB),
      liveHeapAfterGc: liveHeap,
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    await dataSource.destroy();
    if (!options.keep) {
      await dropDatabase(config, name);
    } else say(`kept database ${name}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `replay-scale: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
