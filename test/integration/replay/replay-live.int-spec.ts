// Issue 7, done when: events fed live through Kafka into the real pipeline, then the same window
// replayed by an auditor from the audit store: the diff is empty. A candidate catalogue with one
// threshold changed changes exactly the affected signals, and nothing else. Plus what an auditor
// relies on around it: isolation from the live signals, exports, the audit of every replay and
// export, read-only auditors, the case timeline.
import { Kafka, logLevel } from 'kafkajs';
import { CatalogHistory, loadCatalogDirectorySync } from '@app/catalog';
import type { CatalogData, Item, ReplayRunRecord } from '@app/contracts';
import { ConsoleTestBed, eventually, PipelineChild, repoRoot } from '../../support/console-harness';
import { DEMO_CATALOG_DIR, toKafka, workload } from '../../support/workload';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { databaseUrl } from '@app/platform';
import { ensureDatabases } from '../../../deploy/local';
import { DiffRow, diffOf, expectedDiff, replayInMemory, storedEvents, streamReplay } from './replay-client';

const WINDOW_FROM = '2026-03-01T00:00:00+08:00';
/** The item whose promised time limit the candidate shortens. */
const CHANGED_ITEM = 'XK-SCJG-001';

describe('auditor replay against the live pipeline', () => {
  const sample = workload(4_000, { seed: 41, malformedShare: 0.02, duplicateShare: 0.02 });
  const bed = new ConsoleTestBed();
  let pipeline: PipelineChild;
  const demo = loadCatalogDirectorySync(DEMO_CATALOG_DIR);

  beforeAll(async () => {
    await bed.setUp();
    pipeline = new PipelineChild(bed);
    await pipeline.start();
    // in send order, 100 messages at a time: the pipeline folds cases batch by batch as they arrive
    const messages = toKafka(sample.messages);
    for (let start = 0; start < messages.length; start += 100)
      await bed.producer.send({
        topic: bed.topics.events,
        acks: -1,
        messages: messages.slice(start, start + 100),
      });
    const kafka = new Kafka({
      clientId: 'it-replay',
      brokers: bed.config.KAFKA_BROKERS.split(','),
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      await eventually(
        'the pipeline to consume every message',
        async () => {
          const [ends, [committed]] = await Promise.all([
            admin.fetchTopicOffsets(bed.topics.events),
            admin.fetchOffsets({ groupId: `it-pipeline-${bed.suffix}`, topics: [bed.topics.events] }),
          ]);
          const done = new Map(committed?.partitions.map((p) => [p.partition, Number(p.offset)]) ?? []);
          const lag = ends.reduce(
            (sum, end) => sum + Number(end.high) - Math.max(done.get(end.partition) ?? 0, 0),
            0,
          );
          return lag === 0 ? true : undefined;
        },
        180_000,
        500,
      );
    } finally {
      await admin.disconnect();
    }
    expect(await bed.query('SELECT 1 FROM audit_events')).toHaveLength(sample.uniqueEvents.length);
  });

  afterAll(async () => {
    await pipeline?.stop();
    await bed.tearDown();
  });

  const now = () => new Date().toISOString();
  let firstRun: ReplayRunRecord;
  let candidateRun: ReplayRunRecord;
  let candidateDiff: DiffRow[];

  it('replays the live window with an empty diff, and leaves the live signals and the outbox untouched', async () => {
    // the console registers what the pipeline raised (deadlines, escalation, audit): let it settle first
    const liveState = () =>
      bed.query<Record<string, string>>(
        `SELECT (SELECT count(*) FROM signals WHERE recorded_status IS DISTINCT FROM status) AS unregistered,
                (SELECT md5(string_agg(alert_key || status || updated_at::text, ',' ORDER BY alert_key))
                   FROM signals) AS signals,
                (SELECT count(*) FROM signal_outbox) AS outbox, (SELECT count(*) FROM signal_transitions) AS transitions`,
      );
    let previous = '';
    const before = await eventually(
      'the live signals to be registered and quiet',
      async () => {
        const state = await liveState();
        const text = JSON.stringify(state);
        const settled = state[0]?.unregistered === '0' && text === previous;
        previous = text;
        return settled ? state : undefined;
      },
      60_000,
      1_500,
    );
    const { run, progress, status } = await streamReplay(bed, 'shenji', { from: WINDOW_FROM, to: now() });
    expect(status).toBe(202);
    expect(run.status).toBe('done');
    firstRun = run;
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(run.eventsRead).toBe(sample.uniqueEvents.length);
    expect(run.summary.liveSignals).toBeGreaterThan(100);
    expect(run.signals).toBe(run.summary.liveSignals);
    expect(await diffOf(bed, 'shenji', run.id)).toEqual([]);
    expect({ missing: run.missing, extra: run.extra, different: run.different }).toEqual({
      missing: 0,
      extra: 0,
      different: 0,
    });
    // isolated: nothing written to the live tables, so nothing notified
    expect(await liveState()).toEqual(before);
  });

  it('replays a part of the window for some departments with an empty diff too', async () => {
    const from = '2026-04-15T00:00:00+08:00';
    const to = '2026-05-20T00:00:00+08:00';
    // the two departments with the most live signals in the part, and one more
    const busiest = await bed.query<{ department_id: string; n: string }>(
      `SELECT department_id, count(*) AS n FROM signals WHERE raised_at >= $1 AND raised_at < $2
        GROUP BY department_id ORDER BY count(*) DESC, department_id LIMIT 3`,
      [from, to],
    );
    const departments = busiest.map((row) => row.department_id);
    const { run } = await streamReplay(bed, 'jiancha', { from, to, departments });
    expect(run.status).toBe('done');
    expect(run.summary.liveSignals).toBeGreaterThan(10);
    expect(run.summary.liveSignals).toBeLessThan(busiest.reduce((sum, row) => sum + Number(row.n), 0) + 1);
    expect(await diffOf(bed, 'jiancha', run.id)).toEqual([]);
  });

  it('with a candidate that shortens one item’s promised time limit, changes exactly the affected signals', async () => {
    const changed: CatalogData = {
      ...demo,
      items: demo.items.map(
        (item): Item =>
          item.code === CHANGED_ITEM ? { ...item, promisedDays: item.promisedDays - 3 } : item,
      ),
    };
    const created = await bed.call<{ id: number }>('POST', '/api/catalog/versions', {
      as: 'admin',
      body: {
        kind: 'candidate',
        effectiveFrom: '1970-01-01T00:00:00Z',
        note: `${CHANGED_ITEM}: promised 3 working days shorter`,
        basedOn: 1,
        catalog: changed,
      },
    });
    expect(created.status).toBe(201);
    const to = now();
    const { run } = await streamReplay(bed, 'shenji', {
      from: WINDOW_FROM,
      to,
      catalog: { mode: 'candidate', versionId: created.body.id },
    });
    expect(run.status).toBe('done');
    const diff = await diffOf(bed, 'shenji', run.id);
    candidateRun = run;
    candidateDiff = diff;

    // independently: the rule engine over the same stored events with both catalogues
    const events = await storedEvents(bed);
    const fromMs = Date.parse(WINDOW_FROM);
    const endMs = Date.parse(run.end);
    const base = replayInMemory(events, CatalogHistory.single(demo, 1), fromMs, endMs);
    const candidate = replayInMemory(events, CatalogHistory.single(changed, created.body.id), fromMs, endMs);
    const expected = expectedDiff(base, candidate);

    expect(diff.filter((row) => row.kind === 'missing').map((row) => row.alertKey)).toEqual(expected.missing);
    expect(diff.filter((row) => row.kind === 'extra').map((row) => row.alertKey)).toEqual(expected.extra);
    expect(
      new Map(diff.filter((row) => row.kind === 'different').map((row) => [row.alertKey, row.fields])),
    ).toEqual(expected.different);
    expect(diff.length).toBeGreaterThan(5);
    // nothing else: every changed signal is a time signal of a case of that item
    for (const row of diff) {
      const signal = row.replay ?? row.live;
      expect(signal?.itemCode).toBe(CHANGED_ITEM);
      expect(['TIME_WARNING', 'TIME_OVERDUE', 'TIME_OVERDUE_RED']).toContain(signal?.ruleId);
    }
    expect(
      diff.every((row) => row.replay === null || row.replay.catalogVersion === String(created.body.id)),
    ).toBe(true);
  });

  it('exports the signals and the diff as CSV and JSONL, and records every replay and export', async () => {
    const jsonl = await bed.call<string>(
      'GET',
      `/api/replays/${firstRun.id}/export?what=signals&format=jsonl`,
      {
        as: 'shenji',
      },
    );
    expect(jsonl.status).toBe(200);
    const lines = String(jsonl.body)
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as { alertKey: string; catalogVersion: string });
    expect(lines).toHaveLength(firstRun.signals);
    expect(new Set(lines.map((line) => line.catalogVersion))).toEqual(new Set(['1']));
    const csv = await bed.call<string>('GET', `/api/replays/${candidateRun.id}/export?what=diff&format=csv`, {
      as: 'jiancha',
    });
    expect(csv.status).toBe(200);
    const csvLines = String(csv.body)
      .split('\r\n')
      .filter((line) => line.length > 0);
    expect(csvLines[0]).toMatch(/^\uFEFF?kind,alertKey,fields,/);
    expect(csvLines).toHaveLength(candidateDiff.length + 1);

    const audit = await bed.call<
      { actorUsername: string; action: string; target: string; details: object }[]
    >('GET', '/api/audit/operator-actions?limit=100', { as: 'shenji' });
    expect(audit.status).toBe(200);
    const entries = audit.body.map((entry) => `${entry.action} ${entry.actorUsername} ${entry.target}`);
    expect(entries).toEqual(
      expect.arrayContaining([
        `replay.run shenji replay:${firstRun.id}`,
        `replay.run shenji replay:${candidateRun.id}`,
        `replay.export shenji replay:${firstRun.id}`,
        `replay.export jiancha replay:${candidateRun.id}`,
        expect.stringMatching(/^catalog\.create admin catalog-version:\d+$/),
        'catalog.seed system catalog-version:1',
      ]),
    );
    expect(entries.filter((entry) => entry.startsWith('replay.run jiancha'))).toHaveLength(1);
    const exported = audit.body.find(
      (entry) => entry.action === 'replay.export' && entry.actorUsername === 'jiancha',
    );
    expect(exported?.details).toMatchObject({ what: 'diff', format: 'csv' });
    const runs = await bed.call<ReplayRunRecord[]>('GET', '/api/replays', { as: 'admin' });
    expect(runs.body.map((run) => run.id)).toEqual(expect.arrayContaining([firstRun.id, candidateRun.id]));
  });

  it('keeps auditors read-only and replays away from department officers', async () => {
    const [open] = await bed.query<{ alert_key: string }>(
      `SELECT alert_key FROM signals WHERE status = 'open' AND escalated_to IS NULL LIMIT 1`,
    );
    const refused = [
      await bed.call('POST', '/api/catalog/versions', {
        as: 'shenji',
        body: { kind: 'candidate', effectiveFrom: now(), catalog: demo },
      }),
      await bed.call('POST', `/api/signals/${encodeURIComponent(open?.alert_key ?? '')}/close`, {
        as: 'shenji',
        body: { verdict: 'violation_confirmed', text: '审计人员试图销号' },
      }),
      await bed.call('POST', '/api/replays', { as: 'officer-scjgj', body: { from: WINDOW_FROM, to: now() } }),
      await bed.call('GET', '/api/replays', { as: 'officer-scjgj' }),
      await bed.call('GET', `/api/replays/${firstRun.id}/export`, { as: 'officer-scjgj' }),
    ];
    expect(refused.map((answer) => answer.status)).toEqual([403, 403, 403, 403, 403]);
    const [signal] = await bed.query<{ status: string }>('SELECT status FROM signals WHERE alert_key = $1', [
      open?.alert_key,
    ]);
    expect(signal?.status).toBe('open');
  });

  it('administers immutable catalogue versions: validated, never backdated, one per instant', async () => {
    const list = await bed.call<
      { id: number; kind: string; effectiveFrom: string; authorUsername: string; inForce: boolean }[]
    >('GET', '/api/catalog/versions', { as: 'officer-zjj' });
    expect(list.status).toBe(200);
    expect(list.body[0]).toMatchObject({
      id: 1,
      kind: 'published',
      effectiveFrom: '1970-01-01T00:00:00.000Z',
      authorUsername: 'system',
      inForce: true,
    });
    const one = await bed.call<{ data: CatalogData }>('GET', '/api/catalog/versions/1', { as: 'shenji' });
    expect(one.body.data.items).toEqual(demo.items);

    const create = (body: object) =>
      bed.call<{ message: string | string[] }>('POST', '/api/catalog/versions', { as: 'admin', body });
    const backdated = await create({
      kind: 'published',
      effectiveFrom: '2026-05-01T00:00:00+08:00',
      catalog: demo,
    });
    expect(backdated.status).toBe(400);
    expect(String(backdated.body.message)).toMatch(/candidate/);
    const broken = await create({
      kind: 'candidate',
      effectiveFrom: now(),
      catalog: {
        ...demo,
        items: demo.items.map((item, index) =>
          index === 2 ? { ...item, promisedDays: item.legalDays + 1 } : item,
        ),
      },
    });
    expect(broken.status).toBe(400);
    expect(String(broken.body.message)).toMatch(/items\.json: entry 2 \(code "[^"]+"\): promisedDays/);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const published = await bed.call<{ id: number; kind: string }>('POST', '/api/catalog/versions', {
      as: 'admin',
      body: { kind: 'published', effectiveFrom: tomorrow, catalog: demo, note: 'unchanged, for tomorrow' },
    });
    expect(published.status).toBe(201);
    expect((await create({ kind: 'published', effectiveFrom: tomorrow, catalog: demo })).status).toBe(409);
    const inForceTomorrow = await bed.call<{ id: number }>(
      'GET',
      `/api/catalog/versions/in-force?at=${encodeURIComponent(new Date(Date.now() + 2 * 86_400_000).toISOString())}`,
      { as: 'jiancha' },
    );
    expect(inForceTomorrow.body.id).toBe(published.body.id);
    await expect(bed.query(`UPDATE catalog_versions SET note = 'changed' WHERE id = 1`)).rejects.toThrow(
      /immutable/,
    );
    await expect(
      bed.query(`DELETE FROM catalog_versions WHERE id = $1`, [published.body.id]),
    ).rejects.toThrow(/immutable/);
  });

  it('shows a case’s timeline: events in order with the deadlines after each, signals and who acted when', async () => {
    // a case of scjgj with a running clock and an open signal, which its officer acknowledges
    const [target] = await bed.query<{ case_id: string; alert_key: string }>(
      `SELECT s.case_id, s.alert_key FROM signals s JOIN cases c USING (case_id)
        WHERE s.department_id = 'scjgj' AND s.status = 'open' AND s.escalated_to IS NULL AND c.accepted_at IS NOT NULL
        ORDER BY c.event_count DESC, s.alert_key LIMIT 1`,
    );
    expect(target).toBeDefined();
    const caseId = target?.case_id as string;
    const acknowledged = await bed.call(
      'POST',
      `/api/signals/${encodeURIComponent(target?.alert_key ?? '')}/acknowledge`,
      {
        as: 'officer-scjgj',
        body: { text: '已签收，核查中' },
      },
    );
    expect(acknowledged.status).toBe(200);

    interface Timeline {
      caseId: string;
      itemCode: string;
      item: { name: string; steps: { code: string; name: string }[] } | null;
      departmentId: string;
      catalog: { version: string; source: string };
      projection: { promisedDeadline: string | null; legalDeadline: string | null; phase: string };
      events: {
        seq: number;
        occurredAt: string;
        arrivedAt: string;
        type: string;
        inSequence: boolean;
        signals: { alertKey: string }[];
        after: {
          phase: string;
          clock: { promisedDeadline: string; legalDeadline: string; redDeadline: string } | null;
          pendingTimers: unknown[];
        };
      }[];
      signals: {
        alertKey: string;
        status: string;
        replayed: boolean;
        lifecycle: {
          action: string;
          actorUsername: string;
          actorRole: string;
          at: string;
          text: string | null;
        }[];
      }[];
      notRaisedLive: unknown[];
    }
    const answer = await bed.call<Timeline>('GET', `/api/cases/${encodeURIComponent(caseId)}/timeline`, {
      as: 'officer-scjgj',
    });
    expect(answer.status).toBe(200);
    const timeline = answer.body;
    const stored = await bed.query<{ seq: string }>(
      'SELECT seq FROM audit_events WHERE case_id = $1 ORDER BY occurred_at, seq',
      [caseId],
    );
    expect(timeline.events.map((event) => String(event.seq))).toEqual(stored.map((row) => row.seq));
    expect(timeline.catalog).toEqual({ version: '1', source: 'database' });
    // the item and its steps by name, from the version that folded the case (version 1: the demo's)
    const demoItem = demo.items.find((item) => item.code === timeline.itemCode);
    expect(timeline.item).toEqual({
      name: demoItem?.name,
      steps: demoItem?.steps.map(({ code, name }) => ({ code, name })),
    });
    const accepted = timeline.events.find(
      (event) => event.type === 'case.accepted' || event.type === 'penalty.filed',
    );
    expect(accepted?.after.clock?.promisedDeadline).toBeDefined();
    const last = timeline.events[timeline.events.length - 1];
    // the deadlines after the last event are the case projection's
    expect(last?.after.clock?.promisedDeadline ?? null).toBe(timeline.projection.promisedDeadline);
    expect(last?.after.clock?.legalDeadline ?? null).toBe(timeline.projection.legalDeadline);
    // every signal the fold raises was raised live, and every live signal not retracted is raised by the fold
    expect(timeline.notRaisedLive).toEqual([]);
    expect(
      timeline.signals.filter((signal) => signal.status !== 'retracted').every((signal) => signal.replayed),
    ).toBe(true);
    const handled = timeline.signals.find((signal) => signal.alertKey === target?.alert_key);
    expect(handled?.status).toBe('acknowledged');
    // the whole trail: what the system did (raise, and any escalation while a higher signal stood) and the officer
    const trail = handled?.lifecycle.map((step) => `${step.action} ${step.actorUsername}`) ?? [];
    expect(trail).toContain('raise system');
    expect(trail[trail.length - 1]).toBe('acknowledge officer-scjgj');
    expect(handled?.lifecycle[trail.length - 1]).toMatchObject({
      actorRole: 'department_officer',
      text: '已签收，核查中',
    });
    expect(handled?.lifecycle.every((step) => !Number.isNaN(Date.parse(step.at)))).toBe(true);

    const statuses = await Promise.all(
      ['shenji', 'jiancha', 'officer-zjj', 'admin'].map(
        async (as) =>
          (await bed.call('GET', `/api/cases/${encodeURIComponent(caseId)}/timeline`, { as })).status,
      ),
    );
    // another department's officer: exactly like a missing case; the administrator: not their work
    expect(statuses).toEqual([200, 200, 404, 403]);
    expect((await bed.call('GET', '/api/cases/NO-SUCH-CASE/timeline', { as: 'shenji' })).status).toBe(404);
  });

  it('rebuilds the projections from the audit store alone, idempotently', async () => {
    await pipeline.stop();
    const rebuild = (url: string) => {
      const result = spawnSync(
        process.execPath,
        ['dist/apps/replay/src/rebuild-main.js', '--database-url', url],
        {
          cwd: repoRoot,
          env: { ...process.env, ...bed.environment(), LOG_LEVEL: 'warn' },
          encoding: 'utf8',
        },
      );
      expect(result.stderr).toMatch(/rebuild: \d+ cases re-folded/);
      expect(result.status).toBe(0);
      return JSON.parse(result.stdout) as { cases: number; signalsRaised: number; signalsRetracted: number };
    };
    const casesOf = (query: (sql: string) => Promise<unknown[]>) =>
      query(
        `SELECT case_id, item_code, department_id, partition, phase, accepted_at, promised_deadline, legal_deadline,
                next_due_at, event_count, last_occurred_at FROM cases ORDER BY case_id`,
      );
    const signalsOf = (query: (sql: string) => Promise<unknown[]>) =>
      query(
        `SELECT alert_key, level, stage, raised_at, triggered_by, details FROM signals
          WHERE status <> 'retracted' ORDER BY alert_key`,
      );
    const liveCases = await casesOf((sql) => bed.query(sql));
    const liveSignals = await signalsOf((sql) => bed.query(sql));

    // a database holding nothing but the audit store
    const name = `jiancha_rebuild_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    await ensureDatabases(bed.config, [name]);
    const url = databaseUrl(bed.config, name);
    const scratch = new Client({ connectionString: url });
    await scratch.connect();
    try {
      // the same rows in the same arrival order
      const columns = `event_id, case_id, item_code, department_id, type, occurred_at, reported_at, event, topic, partition, kafka_offset, arrived_at`;
      const audit = await bed.query(`SELECT ${columns} FROM audit_events ORDER BY seq`);
      await scratch.query(
        `INSERT INTO audit_events (${columns})
         SELECT ${columns} FROM json_populate_recordset(NULL::audit_events, $1::json) WITH ORDINALITY
          ORDER BY ordinality`,
        [JSON.stringify(audit)],
      );
      const query = async (sql: string) => (await scratch.query(sql)).rows as unknown[];
      const first = rebuild(url);
      expect(first.cases).toBe(liveCases.length);
      expect(await casesOf(query)).toEqual(liveCases);
      expect(await signalsOf(query)).toEqual(liveSignals);
      const outbox = (await scratch.query('SELECT count(*) AS n FROM signal_outbox')).rows as { n: string }[];
      const second = rebuild(url);
      expect(second).toMatchObject({ cases: liveCases.length, signalsRaised: 0, signalsRetracted: 0 });
      expect(await casesOf(query)).toEqual(liveCases);
      expect((await scratch.query('SELECT count(*) AS n FROM signal_outbox')).rows).toEqual(outbox);
    } finally {
      await scratch.end();
      const admin = new Client({ connectionString: databaseUrl(bed.config, 'postgres') });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }

    // the live database after losing its case projection
    await bed.query('DELETE FROM cases');
    const recovered = rebuild(bed.databaseUrl);
    expect(recovered).toMatchObject({ cases: liveCases.length, signalsRaised: 0, signalsRetracted: 0 });
    expect(await casesOf((sql) => bed.query(sql))).toEqual(liveCases);
    expect(await signalsOf((sql) => bed.query(sql))).toEqual(liveSignals);
  });
});
