// Issue 16: a window replay never blocks the wall. The roles in separate processes (ADR 10): the
// browser's console runs `api,ws`, a second console `worker`. An auditor replays a window of
// 200,000 stored events; while the worker runs it, red signals keep reaching a supervisor's wall
// in a real browser within 2 seconds of their event.
import { createDataSource } from '@app/persistence';
import { fillAuditStore } from '../../apps/simulator/src/scale/simulated-audit-store';
import { CATALOG_DIR } from '../support/system-bed';
import { eventually, WallBed, WallPage } from './support/wall-bed';

const EVENTS = 200_000;

interface RunView {
  status: string;
  eventsRead: number;
}

describe('the wall while a window replay runs', () => {
  const bed = new WallBed();
  let supervisor: WallPage;

  beforeAll(async () => {
    await bed.setUp([{ CONSOLE_ROLES: 'api,ws' }, { CONSOLE_ROLES: 'worker' }]);
    const dataSource = await createDataSource(bed.database.url, { poolSize: 2 }).initialize();
    try {
      // simulated history of 2025 to mid-2026, stored as the pipeline stores it
      await fillAuditStore(dataSource, { events: EVENTS, catalogDir: CATALOG_DIR });
    } finally {
      await dataSource.destroy();
    }
    supervisor = await bed.openWall(bed.consoles[0]!, 'jiancha');
  });

  afterAll(async () => {
    process.stdout.write(`wall during replay: process output in ${bed.saveOutput('e2e-wall-replay')}\n`);
    await bed.tearDown();
  });

  it('shows red signals within 2 seconds while the worker replays 200,000 events', async () => {
    const api = bed.consoles[0]!;
    const auditor = await bed.loginToken(api, 'shenji');
    const headers = { authorization: `Bearer ${auditor}`, 'content-type': 'application/json' };
    const asked = await fetch(`${api.url}/api/replays`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        from: '2025-01-01T00:00:00+08:00',
        to: new Date().toISOString(),
        catalog: { mode: 'in-force' },
        lookbackDays: 0,
      }),
    });
    expect(asked.status).toBe(202);
    const { id } = (await asked.json()) as { id: string };
    const run = async () =>
      (await (await fetch(`${api.url}/api/replays/${id}`, { headers })).json()) as RunView;
    await eventually(
      'the worker to start replaying',
      async () => ((await run()).eventsRead > 0 ? true : undefined),
      60_000,
      50,
    );

    // red signals, one after another, for as long as the replay runs
    const during: number[] = [];
    for (;;) {
      const { latencyMs } = await bed.redSignalOnScreen(supervisor.page);
      if ((await run()).status !== 'running') break;
      during.push(latencyMs);
    }
    const done = await eventually(
      'the replay to finish',
      async () => {
        const view = await run();
        return view.status === 'running' || view.status === 'queued' ? undefined : view;
      },
      120_000,
      250,
    );
    process.stdout.write(
      `event → screen (ms) while the worker replayed ${done.eventsRead} events: ${during.join(', ')}\n`,
    );
    expect(done.status).toBe('done');
    expect(done.eventsRead).toBeGreaterThanOrEqual(EVENTS);
    expect(during.length).toBeGreaterThanOrEqual(2);
    for (const latency of during) expect(latency).toBeLessThan(2_000);
  });
});
