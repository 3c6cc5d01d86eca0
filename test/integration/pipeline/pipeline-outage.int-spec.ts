import { Client } from 'pg';
import { runMigrations } from '@app/persistence';
import { PipelineProcess, TestTopic, buildApps, eventually, sleep } from '../../support/pipeline-harness';
import { ThrowawayPostgres } from '../../support/throwaway-postgres';
import { toKafka, workload } from '../../support/workload';

// PostgreSQL goes away for 30 seconds in the middle of the stream: the pipeline must pause (never
// committing past unpersisted data), survive, and finish by itself when the database returns.
describe('pipeline during a PostgreSQL outage', () => {
  const sample = workload(6_000, { seed: 11 });
  const postgres = new ThrowawayPostgres();
  const topic = new TestTopic(6);
  let pipeline: PipelineProcess | undefined;
  let client: Client | undefined;

  beforeAll(async () => {
    buildApps();
    postgres.init();
    await postgres.startOnFreePort();
    const admin = new Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query('CREATE DATABASE jiancha');
    await admin.end();
    await runMigrations(postgres.urlOf('jiancha'));
    await topic.create();
    pipeline = new PipelineProcess({ url: postgres.urlOf('jiancha'), name: 'jiancha' }, topic, {
      KAFKA_SESSION_TIMEOUT_MS: '6000',
    });
  });

  afterAll(async () => {
    await pipeline?.stop();
    await client?.end().catch(() => undefined);
    await topic.dispose();
    postgres.dispose();
  });

  async function count(table: string): Promise<number> {
    client = new Client({ connectionString: postgres.urlOf('jiancha') });
    await client.connect();
    try {
      const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
      return Number(result.rows[0]?.n);
    } finally {
      await client.end();
      client = undefined;
    }
  }

  it('pauses while the database is down, recovers by itself, and loses nothing', async () => {
    if (!pipeline) throw new Error('set-up failed');
    const sut = pipeline;
    await sut.start();
    const third = Math.floor(sample.messages.length / 3);
    await topic.produce(toKafka(sample.messages.slice(0, third)));
    await eventually('the first third to be consumed', async () =>
      (await topic.lag(sut.groupId)) === 0 ? true : undefined,
    );

    postgres.stop();
    const outageStarted = Date.now();
    await topic.produce(toKafka(sample.messages.slice(third)));
    await sleep(30_000);
    // nothing was committed past what could not be stored, and the process is still there
    expect(await topic.lag(sut.groupId)).toBeGreaterThan(0);
    expect(await sut.metric('jiancha_store_failures_total')).toBeGreaterThan(0);

    postgres.start();
    const restarted = Date.now();
    await eventually(
      'the pipeline to catch up after the outage',
      async () => ((await topic.lag(sut.groupId)) === 0 ? true : undefined),
      120_000,
    );
    const recoveryMs = Date.now() - restarted;
    process.stderr.write(
      `outage ${restarted - outageStarted} ms; recovered ${recoveryMs} ms after PostgreSQL returned\n`,
    );

    expect(await count('audit_events')).toBe(sample.uniqueEvents.length);
    expect(await count('dead_letters')).toBe(sample.malformed.length);
    expect(recoveryMs).toBeLessThan(60_000);
  });
});
