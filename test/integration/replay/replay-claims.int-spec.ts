import { createDataSource, PgReplayRunStore } from '@app/persistence';
import { SYSTEM_ACTOR } from '@app/contracts';
import type { DataSource } from 'typeorm';
import { TestDatabase } from '../../support/pipeline-harness';

// ADR 0010: window replays are queued by the api role and taken by workers. Workers claiming at the
// same instant each get a different run (FOR UPDATE SKIP LOCKED), oldest first; none is taken twice.
describe('replay runs claimed by workers', () => {
  const database = new TestDatabase();
  const sources: DataSource[] = [];

  beforeAll(async () => {
    await database.create();
    for (let i = 0; i < 3; i += 1)
      sources.push(await createDataSource(database.url, { poolSize: 2 }).initialize());
  });

  afterAll(async () => {
    await Promise.all(sources.map((source) => source.destroy()));
    await database.drop();
  });

  it('gives each of several workers claiming at once its own run, oldest first, and then none', async () => {
    const stores = sources.map((source) => new PgReplayRunStore(source));
    const queued: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const run = await stores[0]!.create(
        {
          from: '2026-03-01T00:00:00.000Z',
          to: '2026-04-01T00:00:00.000Z',
          watermark: '2026-12-01T00:00:00.000Z',
          departments: null,
          catalog: { mode: 'in-force' },
          lookbackDays: 30,
        },
        SYSTEM_ACTOR,
      );
      queued.push(run.id);
    }
    // hold the oldest run's row locked, as a worker mid-claim would: the others skip it
    const holder = sources[0]!.createQueryRunner();
    await holder.startTransaction();
    await holder.query(`SELECT id FROM replay_runs WHERE id = $1 FOR UPDATE`, [queued[0]]);

    const claimed = await Promise.all(stores.map((store) => store.claimNext()));
    const ids = claimed.map((run) => run?.id);
    expect(new Set(ids).size).toBe(3);
    expect([...ids].sort()).toEqual([queued[1], queued[2], queued[3]].sort());
    expect(claimed.every((run) => run?.status === 'running')).toBe(true);

    await holder.rollbackTransaction();
    await holder.release();
    const rest = await Promise.all(stores.map((store) => store.claimNext()));
    expect(
      rest
        .map((run) => run?.id)
        .filter(Boolean)
        .sort(),
    ).toEqual([queued[0], queued[4]].sort());
    expect(await stores[1]!.claimNext()).toBeNull();
    expect(await database.count('replay_runs', `status = 'running'`)).toBe(5);
  });
});
