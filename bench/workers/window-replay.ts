// Window replay from the database (the issue-7 API does not exist yet, so this is its core):
// stream the audit events of [from, to) in occurredAt order with a server-side cursor (FETCH of
// 5,000 rows, the next one in flight while the engine works; memory stays flat) through the
// ReplayEngine, then advance to `to`.
//   window-replay.js <url> engine|plain <from> <to>
// `plain` reads the same cursor and drops the rows: the limit.
import { Client, type QueryResult } from 'pg';
import { buildCatalogIndex, loadCatalogDirectorySync } from '@app/catalog';
import type { ApprovalEvent } from '@app/contracts';
import { ReplayEngine } from '@app/rules';
import { report } from './report';

const FETCH = 5000;

interface Row {
  event: ApprovalEvent;
  at: number;
}

async function main(): Promise<void> {
  const [url, mode, from, to, catalogDir] = process.argv.slice(2) as [string, string, string, string, string];
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
    cases: engine?.stats.cases ?? 0,
    rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `window-replay: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
