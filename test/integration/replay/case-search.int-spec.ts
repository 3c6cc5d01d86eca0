// The auditor's workspace routes (issue 17) against PostgreSQL, the console in-process: the case
// search within the user's scope and its filters; cancelling a run; the what-if comparison of two
// runs. Runs are stored as a worker of another process would have left them (running, done), so
// the in-process worker never takes them.
import { ConsoleTestBed } from '../../support/console-harness';

interface CaseRow {
  caseId: string;
  departmentId: string;
  itemCode: string;
  eventCount: number;
  signals: number;
}

/** A case in the projection with one stored event per instant given (its first one first). */
async function storeCase(
  bed: ConsoleTestBed,
  caseId: string,
  departmentId: string,
  itemCode: string,
  instants: string[],
): Promise<void> {
  for (const [i, at] of instants.entries())
    await bed.query(
      `INSERT INTO audit_events (event_id, case_id, item_code, department_id, type, occurred_at, event, topic, partition, kafka_offset)
       VALUES ($1, $2, $3, $4, 'case.submitted', $5, '{}'::jsonb, 't', 0, $6)`,
      [`${caseId}-e${i}`, caseId, itemCode, departmentId, at, i],
    );
  await bed.query(
    `INSERT INTO cases (case_id, item_code, department_id, partition, phase, event_count, last_occurred_at)
     VALUES ($1, $2, $3, 0, 'running', $4, $5)`,
    [caseId, itemCode, departmentId, instants.length, instants[instants.length - 1]],
  );
}

/** A run as a worker elsewhere left it: running (with a fresh heartbeat) or done. */
async function storeRun(
  bed: ConsoleTestBed,
  status: 'running' | 'done',
  to = '2026-04-01T00:00:00+08:00',
): Promise<string> {
  const [row] = await bed.query<{ id: string }>(
    `INSERT INTO replay_runs (requested_by, requested_role, window_from, window_to, watermark, catalog_mode,
                              lookback_days, status, started_at, heartbeat_at, finished_at)
     VALUES ('shenji', 'auditor', '2026-03-01T00:00:00+08:00', $1, '2026-12-01T00:00:00Z', 'in-force', 30, $2,
             now(), now(), CASE WHEN $2 = 'done' THEN now() END)
     RETURNING id`,
    [to, status],
  );
  if (!row) throw new Error('no run');
  return row.id;
}

describe('the auditor workspace routes', () => {
  const bed = new ConsoleTestBed();

  beforeAll(async () => {
    await bed.setUp();
    // 2026-03-01 is a Sunday in Shanghai; instants in UTC
    await storeCase(bed, 'XK-A-001', 'scjgj', 'XK-SCJG-001', [
      '2026-03-02T01:00:00Z',
      '2026-03-05T02:00:00Z',
    ]);
    await storeCase(bed, 'XK-A-002', 'scjgj', 'XK-SCJG-003', ['2026-03-10T01:00:00Z']);
    await storeCase(bed, 'XK-B-003', 'zjj', 'XK-ZJJ-001', ['2026-03-20T01:00:00Z']);
    // an event at 23:30 Shanghai on 2026-03-31 is still that day
    await storeCase(bed, 'CF-B-004', 'zjj', 'XK-ZJJ-001', ['2026-03-31T15:30:00Z']);
  });

  afterAll(async () => {
    await bed.tearDown();
  });

  const ids = (rows: CaseRow[]) => rows.map((row) => row.caseId);

  it('finds every case for an auditor and a supervisor, newest activity first', async () => {
    for (const as of ['shenji', 'jiancha']) {
      const all = await bed.call<CaseRow[]>('GET', '/api/cases', { as });
      expect(all.status).toBe(200);
      expect(ids(all.body)).toEqual(['CF-B-004', 'XK-B-003', 'XK-A-002', 'XK-A-001']);
    }
    const one = await bed.call<CaseRow[]>('GET', '/api/cases?query=a-001', { as: 'shenji' });
    expect(one.body).toEqual([
      expect.objectContaining({
        caseId: 'XK-A-001',
        departmentId: 'scjgj',
        itemCode: 'XK-SCJG-001',
        eventCount: 2,
        signals: 0,
      }),
    ]);
  });

  it('narrows by department, item and the days of the case’s events (Asia/Shanghai, both included)', async () => {
    const get = async (query: string) =>
      ids((await bed.call<CaseRow[]>('GET', `/api/cases?${query}`, { as: 'shenji' })).body);
    expect(await get('departmentId=zjj')).toEqual(['CF-B-004', 'XK-B-003']);
    expect(await get('itemCode=XK-SCJG-003')).toEqual(['XK-A-002']);
    // XK-A-001 has an event on 03-05, though its first is on 03-02
    expect(await get('from=2026-03-04&to=2026-03-10')).toEqual(['XK-A-002', 'XK-A-001']);
    expect(await get('from=2026-03-31&to=2026-03-31')).toEqual(['CF-B-004']);
    expect(await get('to=2026-03-30')).toEqual(['XK-B-003', 'XK-A-002', 'XK-A-001']);
    expect(await get('query=XK-&departmentId=zjj')).toEqual(['XK-B-003']);
    expect(await get('query=%25')).toEqual([]);
    expect(await get('limit=1')).toEqual(['CF-B-004']);
  });

  it('shows an officer only their department, and refuses another one', async () => {
    const own = await bed.call<CaseRow[]>('GET', '/api/cases', { as: 'officer-scjgj' });
    expect(own.status).toBe(200);
    expect(ids(own.body)).toEqual(['XK-A-002', 'XK-A-001']);
    const narrowed = await bed.call<CaseRow[]>('GET', '/api/cases?departmentId=scjgj&itemCode=XK-SCJG-001', {
      as: 'officer-scjgj',
    });
    expect(ids(narrowed.body)).toEqual(['XK-A-001']);
    expect((await bed.call('GET', '/api/cases?departmentId=zjj', { as: 'officer-scjgj' })).status).toBe(403);
    expect((await bed.call('GET', '/api/cases?query=B-003', { as: 'officer-zjj' })).status).toBe(200);
  });

  it('refuses a bad query with the field, and an unknown user', async () => {
    const bad = await bed.call<{ message: string[] }>('GET', '/api/cases?from=2026-3-1', { as: 'shenji' });
    expect(bad.status).toBe(400);
    expect(bad.body.message.join()).toMatch(/^from:/);
    const reversed = await bed.call<{ message: string }>('GET', '/api/cases?from=2026-03-10&to=2026-03-01', {
      as: 'shenji',
    });
    expect(reversed.status).toBe(400);
    expect((await bed.call('GET', '/api/cases?limit=0', { as: 'shenji' })).status).toBe(400);
    expect((await bed.call('GET', '/api/cases')).status).toBe(401);
  });

  it('cancels a running run once, with its audit entry; others may not', async () => {
    const id = await storeRun(bed, 'running');
    expect((await bed.call('POST', `/api/replays/${id}/cancel`, { as: 'officer-scjgj' })).status).toBe(403);
    expect((await bed.call('POST', `/api/replays/${id}/cancel`, { as: 'admin' })).status).toBe(403);
    const cancelled = await bed.call<{ status: string; error: string }>('POST', `/api/replays/${id}/cancel`, {
      as: 'jiancha',
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'failed', error: 'cancelled by jiancha (supervisor)' });
    const again = await bed.call<{ message: string }>('POST', `/api/replays/${id}/cancel`, { as: 'shenji' });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/failed/);
    const unknown = `/api/replays/00000000-0000-4000-8000-000000000000/cancel`;
    expect((await bed.call('POST', unknown, { as: 'shenji' })).status).toBe(404);
    const audit = await bed.query<{ action: string; actor_username: string }>(
      `SELECT action, actor_username FROM operator_audit WHERE target = $1 ORDER BY id`,
      [`replay:${id}`],
    );
    expect(audit.map((row) => `${row.action} ${row.actor_username}`)).toEqual(['replay.cancel jiancha']);
  });

  it('compares two finished runs of one window signal by signal, and refuses other windows', async () => {
    const running = await storeRun(bed, 'running');
    const [base, compared, other] = [
      await storeRun(bed, 'done'),
      await storeRun(bed, 'done'),
      await storeRun(bed, 'done', '2026-03-20T00:00:00+08:00'),
    ];
    const unfinished = await bed.call('GET', `/api/replays/${running}/compare?base=${base}`, {
      as: 'shenji',
    });
    expect(unfinished.status).toBe(409);
    const signal = (run: string, key: string, level: string, raisedAt: string) =>
      bed.query(
        `INSERT INTO replay_signals (run_id, alert_key, case_id, item_code, department_id, rule_id, stage, level,
                                     raised_at, triggered_by, message, details, catalog_version)
         VALUES ($1, $2, 'XK-A-001', 'XK-SCJG-001', 'scjgj', 'TIME_OVERDUE', 'during', $3, $4, 'timer', 'm', '{}', '1')`,
        [run, key, level, raisedAt],
      );
    await signal(base, 'k1', 'yellow', '2026-03-10T00:00:00Z'); // the same in both
    await signal(compared, 'k1', 'yellow', '2026-03-10T00:00:00Z');
    await signal(base, 'k2', 'yellow', '2026-03-11T00:00:00Z'); // earlier and red in the compared run
    await signal(compared, 'k2', 'red', '2026-03-09T00:00:00Z');
    await signal(compared, 'k3', 'warning', '2026-03-12T00:00:00Z'); // only the compared run
    await signal(base, 'k4', 'warning', '2026-03-12T00:00:00Z'); // only the base run

    const rows = await bed.call<
      { alertKey: string; kind: string; fields: string[]; replay: unknown; live: unknown }[]
    >('GET', `/api/replays/${compared}/compare?base=${base}`, { as: 'shenji' });
    expect(rows.status).toBe(200);
    expect(rows.body.map((row) => [row.alertKey, row.kind, row.fields])).toEqual([
      ['k2', 'different', ['level', 'raisedAt']],
      ['k3', 'missing', []],
      ['k4', 'extra', []],
    ]);
    expect(rows.body[0]).toMatchObject({
      replay: { level: 'red', raisedAt: '2026-03-09T00:00:00.000Z', catalogVersion: '1' },
      live: { level: 'yellow' },
    });
    const extraOnly = await bed.call<unknown[]>(
      'GET',
      `/api/replays/${compared}/compare?base=${base}&kind=extra`,
      {
        as: 'jiancha',
      },
    );
    expect(extraOnly.body).toHaveLength(1);
    const paged = await bed.call<{ alertKey: string }[]>(
      'GET',
      `/api/replays/${compared}/compare?base=${base}&after=k2&limit=1`,
      { as: 'shenji' },
    );
    expect(paged.body.map((row) => row.alertKey)).toEqual(['k3']);
    const otherWindow = await bed.call<{ message: string }>(
      'GET',
      `/api/replays/${compared}/compare?base=${other}`,
      {
        as: 'shenji',
      },
    );
    expect(otherWindow.status).toBe(400);
    expect(otherWindow.body.message).toMatch(/same window/);
    expect(
      (await bed.call('GET', `/api/replays/${compared}/compare?base=nope`, { as: 'shenji' })).status,
    ).toBe(400);
    expect(
      (await bed.call('GET', `/api/replays/${compared}/compare?base=${base}`, { as: 'officer-scjgj' }))
        .status,
    ).toBe(403);
  });
});
