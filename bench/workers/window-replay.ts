// Window replay from the database, three ways, over the audit events of [from, to):
//   window-replay.js <url> replayer|engine|plain <from> <to> <catalog-dir>
//   replayer  the console's WindowReplayer (issue 7: scope the cases, keyset pages of 5,000 with
//             the cross-case history preloaded per page, signals written to replay_signals, the
//             diff against live in SQL), as POST /api/replays runs it, without HTTP
//   engine    a server-side cursor (FETCH 5,000, the next one in flight) straight into a
//             ReplayEngine: the engine's share of the work
//   plain     the same cursor, rows dropped: the limit (reading the rows is all)
import { randomUUID } from 'node:crypto';
import { Client, type QueryResult } from 'pg';
import { buildCatalogIndex, loadCatalogDirectory, loadCatalogDirectorySync } from '@app/catalog';
import type { ApprovalEvent } from '@app/contracts';
import { createDataSource, loadLiveCatalog, PgCatalogVersionStore, WindowReplayer } from '@app/persistence';
import { pagedReplay, ReplayEngine } from '@app/rules';
import { report } from './report';

const FETCH = 5000;

interface Row {
  event: ApprovalEvent;
  at: number;
}

async function cursorReplay(url: string, mode: string, from: string, to: string, catalogDir: string) {
  const engine =
    mode === 'engine' ? new ReplayEngine(buildCatalogIndex(loadCatalogDirectorySync(catalogDir))) : undefined;
  const client = new Client({ connectionString: url, application_name: 'jiancha-bench-window' });
  await client.connect();
  const started = performance.now();
  let rows = 0;
  let signals = 0;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(
      `DECLARE window_events NO SCROLL CURSOR FOR
         SELECT event, (extract(epoch from occurred_at) * 1000)::float8 AS at FROM audit_events
          WHERE occurred_at >= $1::timestamptz AND occurred_at < $2::timestamptz ORDER BY occurred_at, seq`,
      [from, to],
    );
    // the next FETCH is in flight while the engine works on the current rows
    const fetch = (): Promise<QueryResult<Row>> => client.query<Row>(`FETCH ${FETCH} FROM window_events`);
    let next: Promise<QueryResult<Row>> | undefined = fetch();
    while (next) {
      const batch: QueryResult<Row> = await next;
      next = batch.rows.length === FETCH ? fetch() : undefined;
      rows += batch.rows.length;
      if (engine) for (const row of batch.rows) signals += engine.ingest(row.event, row.at).length;
    }
    if (engine) signals += engine.advanceTo(Date.parse(to)).length;
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  const seconds = (performance.now() - started) / 1000;
  report('window', {
    mode,
    rows,
    signals,
    seconds,
    replaySeconds: seconds,
    cases: engine?.stats.cases ?? 0,
    rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
  });
}

async function windowReplayer(url: string, from: string, to: string, catalogDir: string) {
  const dataSource = await createDataSource(url, {
    poolSize: 4,
    applicationName: 'jiancha-bench-window',
  }).initialize();
  try {
    const versions = new PgCatalogVersionStore(dataSource);
    await versions.seedIfEmpty(await loadCatalogDirectory(catalogDir), `bench: seeded from ${catalogDir}`);
    const { history } = await loadLiveCatalog(versions, catalogDir);
    const runId = randomUUID();
    await dataSource.query(
      `INSERT INTO replay_runs (id, requested_by, requested_role, window_from, window_to, watermark, catalog_mode,
                                lookback_days, status)
       VALUES ($1, 'bench', 'auditor', $2, $3, $3, 'in-force', 0, 'running')`,
      [runId, from, to],
    );
    const started = performance.now();
    let replayStarted = started;
    let replayEnded = started;
    const outcome = await new WindowReplayer(dataSource, {
      pageSize: FETCH,
      onProgress: (progress) => {
        if (progress.phase === 'replaying' && progress.eventsRead === 0) replayStarted = performance.now();
        if (progress.phase === 'diffing') replayEnded = performance.now();
      },
    }).run({
      runId,
      fromMs: Date.parse(from),
      endMs: Date.parse(to),
      departments: null,
      lookbackDays: 0,
      replay: pagedReplay(history),
    });
    const seconds = (performance.now() - started) / 1000;
    report('window', {
      mode: 'replayer',
      rows: outcome.eventsRead,
      signals: outcome.signals,
      seconds,
      replaySeconds: (replayEnded - replayStarted) / 1000,
      cases: outcome.casesTotal,
      diff: { missing: outcome.missing, extra: outcome.extra, different: outcome.different },
      peakHeapMiB: Math.round(outcome.memory.peakHeapUsedBytes / 2 ** 20),
      rssMiB: Math.round(outcome.memory.peakRssBytes / 2 ** 20),
    });
  } finally {
    await dataSource.destroy();
  }
}

async function main(): Promise<void> {
  const [url, mode, from, to, catalogDir] = process.argv.slice(2) as [string, string, string, string, string];
  if (mode === 'replayer') await windowReplayer(url, from, to, catalogDir);
  else await cursorReplay(url, mode, from, to, catalogDir);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `window-replay: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
