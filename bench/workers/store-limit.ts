// The store limit of benchmark 1: the physical limit of a durable pipeline here. A kafkajs
// eachBatch consumer with the pipeline's consumer settings (fresh group, from the beginning, 2 MiB
// per partition, the batches of one fetch gathered into one write as the pipeline gathers them
// into one ingest, offsets committed after it) that writes each event once,
// durably, into an indexed append-only table (BENCH_TABLE: event_id primary key, an index on
// (case_id, occurred_at), occurred_at, the event as jsonb; created by the orchestrator): one
// INSERT … SELECT FROM jsonb_to_recordset($1) per gathered fetch, which is one transaction
// (autocommit, synchronous commit as the server is configured), then the batches' offsets are
// committed. The message values go into the parameter as
// they are (no JSON.parse in Node; PostgreSQL parses them). It reports "ready" (the pids of its
// PostgreSQL backends), then "start"/"done" as the pipeline probe does.
import { Client } from 'pg';
import { consumeLikeThePipeline } from './consumption';
import { report } from './report';

const OPEN = Buffer.from('[');
const CLOSE = Buffer.from(']');
const BEFORE = Buffer.from('{"e":');
const AFTER = Buffer.from('},');
const LAST = Buffer.from('}');

async function main(): Promise<void> {
  const table = process.env.BENCH_TABLE as string;
  const expect = Number(process.env.BENCH_EXPECT);
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`BENCH_TABLE ${table}: not a plain name`);
  const db = new Client({
    connectionString: process.env.DATABASE_URL,
    application_name: 'jiancha-bench-store',
  });
  await db.connect();
  const { rows } = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const backends = [rows[0]?.pid as number];
  const insert = {
    name: 'store-limit-insert',
    text:
      `INSERT INTO ${table} (event_id, case_id, occurred_at, event) ` +
      `SELECT r.e->>'eventId', r.e->>'caseId', (r.e->>'occurredAt')::timestamptz, r.e ` +
      `FROM jsonb_to_recordset($1::jsonb) AS r(e jsonb) ON CONFLICT (event_id) DO NOTHING`,
  };
  report('ready', { pgBackends: backends });
  const { consumer, done } = await consumeLikeThePipeline({
    clientId: 'jiancha-bench-store',
    expect,
    handle: async (messages) => {
      const parts: Buffer[] = [OPEN];
      messages.forEach((message, i) => {
        parts.push(BEFORE, message.value ?? Buffer.from('null'), i === messages.length - 1 ? LAST : AFTER);
      });
      parts.push(CLOSE);
      // the gatherer runs one fetch's write at a time
      await db.query({ ...insert, values: [Buffer.concat(parts).toString('utf8')] });
    },
  });
  await done;
  await consumer.disconnect();
  // stay connected until stopped, so the orchestrator can read this backend's CPU time
  await new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
  await db.end();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `store limit: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
