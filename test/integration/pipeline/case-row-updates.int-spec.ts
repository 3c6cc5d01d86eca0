import { createDataSource, PgIngestStore, type CaseSummary } from '@app/persistence';
import type { DataSource } from 'typeorm';
import { TestDatabase } from '../../support/pipeline-harness';

// Migration 1764800000000: every event moves its case row, most often its phase and next due
// instant. Neither is indexed, so the pipeline's upsert is a heap-only (HOT) update that writes no
// index entry; with them indexed (as before) not one of these updates was.
describe('the case row as the pipeline rewrites it', () => {
  const database = new TestDatabase();
  let dataSource: DataSource;
  let store: PgIngestStore;
  const CASES = 200;

  beforeAll(async () => {
    await database.create();
    // one connection, so that its statistics can be flushed on demand
    dataSource = createDataSource(database.url, { poolSize: 1 });
    await dataSource.initialize();
    store = new PgIngestStore(dataSource);
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await database.drop();
  });

  const summary = (i: number, version: number): CaseSummary => ({
    caseId: `C-${String(i).padStart(4, '0')}`,
    itemCode: 'XK-001',
    departmentId: `D-${i % 5}`,
    partition: i % 6,
    phase: ['accepted', 'in_progress', 'suspended'][version % 3] as string,
    acceptedAt: '2026-03-02T09:00:00+08:00',
    promisedDeadline: '2026-03-16T17:30:00+08:00',
    legalDeadline: '2026-03-30T17:30:00+08:00',
    nextDueAt:
      version % 4 === 0
        ? null
        : new Date(Date.UTC(2026, 2, 10) + i * 60_000 + version * 3_600_000).toISOString(),
    eventCount: version,
    lastOccurredAt: new Date(Date.UTC(2026, 2, 2) + version * 60_000).toISOString(),
    outcome: null,
    foldVersion: version,
  });

  /** The table's update counts, this connection's statistics flushed first. */
  async function updates(): Promise<{ all: number; heapOnly: number }> {
    // the backend reports its statistics as it goes idle after this statement
    await dataSource.query('SELECT pg_stat_force_next_flush()');
    const [row] = await database.query<{ all: string; heap_only: string }>(
      `SELECT n_tup_upd AS all, n_tup_hot_upd AS heap_only FROM pg_stat_user_tables WHERE relname = 'cases'`,
    );
    return { all: Number(row?.all), heapOnly: Number(row?.heap_only) };
  }

  it('changes phase, next due instant and version without an index entry, and the deadlines read finds them', async () => {
    const ids = Array.from({ length: CASES }, (_, i) => i);
    await store.transaction((tx) => tx.upsertCases(ids.map((i) => summary(i, 1))));
    const before = await updates();
    // as in live traffic, a transaction moves a few cases of many: a tenth of them, spread out
    for (let version = 2; version <= 4; version += 1)
      for (let share = 0; share < 10; share += 1) {
        const moved = ids.filter((i) => i % 10 === share).map((i) => summary(i, version));
        expect(await store.transaction((tx) => tx.upsertCases(moved))).toEqual([]);
      }
    const after = await updates();
    expect(after.all - before.all).toBe(3 * CASES);
    // all of them here; a page left with no room until it is pruned would move a row, hence the margin
    expect(after.heapOnly - before.heapOnly).toBeGreaterThanOrEqual(0.9 * 3 * CASES);

    await store.transaction((tx) => tx.upsertCases(ids.map((i) => summary(i, 5))));
    const deadlines = await store.pendingDeadlines([0, 1]);
    const expected = ids.filter((i) => i % 6 <= 1);
    expect(deadlines.map((d) => d.caseId).sort()).toEqual(expected.map((i) => summary(i, 5).caseId));
    expect(deadlines.find((d) => d.caseId === 'C-0006')?.dueAt).toBe(
      Date.parse(summary(6, 5).nextDueAt as string),
    );
  });
});
