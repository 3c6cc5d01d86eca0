import { createDataSource, PgOutbox } from '@app/persistence';
import type { DataSource } from 'typeorm';
import { TestDatabase } from '../../support/pipeline-harness';

// Two relays at once (the pipeline's and the console's): the second one waits for the first and
// then publishes what was committed meanwhile. Before, it gave up at once when the first held the
// lock, leaving rows the first had not seen to the next periodic sweep, up to a second later.
describe('PgOutbox relays at once', () => {
  const database = new TestDatabase();
  let dataSource: DataSource;

  const append = (alertKey: string) =>
    database.query(
      `INSERT INTO signal_outbox (alert_key, department_id, kind, body)
       VALUES ($1, 'zjj', 'raised', jsonb_build_object('kind', 'raised', 'alertKey', $1::text))`,
      [alertKey],
    );

  beforeAll(async () => {
    await database.create();
    dataSource = await createDataSource(database.url, { poolSize: 4 }).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database.drop();
  });

  it('a relay kicked while another publishes waits for it and publishes the rows committed meanwhile', async () => {
    const outbox = new PgOutbox(dataSource);
    await append('A|R|');
    const published: string[][] = [];
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstRead!: () => void;
    const firstHasRead = new Promise<void>((resolve) => (firstRead = resolve));

    const first = outbox.relay(1000, async (rows) => {
      published.push(rows.map((row) => (JSON.parse(row.value) as { alertKey: string }).alertKey));
      firstRead();
      await firstHolds;
    });
    await firstHasRead;
    // committed after the first relay read the outbox: only a second relay can publish it now
    await append('B|R|');
    const second = outbox.relay(1000, (rows) => {
      published.push(rows.map((row) => (JSON.parse(row.value) as { alertKey: string }).alertKey));
      return Promise.resolve();
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(published).toEqual([['A|R|']]);
    releaseFirst();

    expect(await first).toBe(1);
    expect(await second).toBe(1);
    expect(published).toEqual([['A|R|'], ['B|R|']]);
    expect(await database.count('signal_outbox', 'published_at IS NULL')).toBe(0);
  });
});
