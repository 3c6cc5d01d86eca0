// Outages, overlapped in one run of the real pipeline and console processes: the departments'
// webhook receivers (real HTTP servers) fail for more than two minutes — 503 for the first minute,
// then connections refused — while traffic flows, and inside that window PostgreSQL (a throwaway
// cluster the test owns; the system server is never touched) is stopped for 25 s and started
// again. Then: nothing lost or doubled in the audit store and the signals, store retries visible in
// the pipeline's metrics, webhook retries visible in `webhook_attempts`, every delivery arriving
// (exactly once per delivery id after the receiver's dedupe) with every signal in exactly one of
// them, and the recovery times.
import { FaultRecorder } from '../support/fault-results';
import { eventually, sleep } from '../support/service-process';
import { SystemBed, unauthorisedFeeCase, type FeeCase } from '../support/system-bed';
import { ThrowawayDatabase } from '../support/throwaway-postgres';
import { WebhookReceiver } from '../support/webhook-receiver';
import { toKafka, workload } from '../support/workload';

const RECEIVER_FAILING_MS = 125_000;
const DATABASE_DOWN_MS = 25_000;

interface Digest {
  digestId: number;
  departmentId: string;
  changes: { kind: string; alertKey: string }[];
}

describe('outages', () => {
  const recorder = new FaultRecorder('outages');
  const database = new ThrowawayDatabase();
  const bed = new SystemBed({
    demoPassword: 'fault-demo-password',
    database,
    consoleEnvironment: {
      NOTIFY_DIGEST_INTERVAL_MS: '2000',
      WEBHOOK_MAX_ATTEMPTS: '200',
      WEBHOOK_BACKOFF_MS: '500',
      WEBHOOK_BACKOFF_MAX_MS: '5000',
      WEBHOOK_TIMEOUT_MS: '3000',
    },
    pipelineEnvironment: { KAFKA_SESSION_TIMEOUT_MS: '10000' },
  });
  const receivers = { scjgj: new WebhookReceiver(), zjj: new WebhookReceiver() };
  const sample = workload(3_000, { seed: 51, malformedShare: 0.03, duplicateShare: 0.03 });

  beforeAll(async () => {
    await bed.setUp(1);
    await Promise.all(Object.values(receivers).map((r) => r.start()));
  });

  afterAll(async () => {
    process.stdout.write(`outages: process output in ${bed.saveOutput('fault-outages')}\n`);
    await bed.tearDown();
    await Promise.all(Object.values(receivers).map((r) => r.close()));
  });

  it('loses nothing through a PostgreSQL outage inside a webhook receiver outage of more than two minutes, and reports the recovery', async () => {
    const consoleApp = bed.consoles[0]!;
    const admin = await bed.loginToken(consoleApp, 'admin');
    for (const [departmentId, receiver] of Object.entries(receivers)) {
      const saved = await fetch(`${consoleApp.url}/api/departments/${departmentId}/webhook`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url: receiver.url }),
      });
      expect(saved.status).toBe(200);
    }
    // the notifier's group starts at the end of the topic: wait until it has joined
    await eventually('the notifier to join its group', async () => {
      const { groups } = await bed.topic.admin.describeGroups([bed.notifierGroupId]);
      return groups[0]?.state === 'Stable' ? true : undefined;
    });

    const t0 = Date.now();
    const at = async (ms: number) => sleep(Math.max(0, t0 + ms - Date.now()));
    for (const receiver of Object.values(receivers)) receiver.failAlways(503);
    const feeCases: FeeCase[] = [];
    const wave = async () => {
      const cases = [unauthorisedFeeCase('scjgj', 'XK-SCJG-003'), unauthorisedFeeCase('zjj', 'XK-ZJ-001')];
      feeCases.push(...cases);
      await bed.produce(cases.flatMap((c) => [c.submitted, c.accepted, c.fee]));
    };
    await bed.topic.produce(toKafka(sample.messages.slice(0, 1_500)));
    await wave();

    await at(20_000);
    await wave();
    database.cluster.stop();
    const databaseStopped = Date.now();
    await bed.topic.produce(toKafka(sample.messages.slice(1_500)));
    await wave();
    await at(20_000 + DATABASE_DOWN_MS);
    // while it was down: nothing committed past what could not be stored, both processes alive
    expect(await bed.topic.lag(bed.pipeline.groupId)).toBeGreaterThan(0);
    expect(await bed.pipeline.metric('jiancha_store_failures_total')).toBeGreaterThan(0);
    const storeRetries = await bed.pipeline.metric('jiancha_store_failures_total');
    expect(bed.pipeline.alive && consoleApp.alive).toBe(true);
    database.cluster.start();
    const databaseBack = Date.now();
    await eventually(
      'the pipeline to catch up after PostgreSQL returned',
      async () => ((await bed.topic.lag(bed.pipeline.groupId)) === 0 ? true : undefined),
      120_000,
    );
    const pipelineRecoveryMs = Date.now() - databaseBack;
    await eventually('the console to answer from the database again', async () => {
      const answer = await fetch(`${consoleApp.url}/api/signals?limit=1`, {
        headers: { authorization: `Bearer ${await bed.loginToken(consoleApp, 'jiancha')}` },
      });
      return answer.status === 200 ? true : undefined;
    });
    const consoleRecoveryMs = Date.now() - databaseBack;

    await at(60_000);
    await wave();
    // the second minute: the receivers are gone altogether (connections refused)
    await Promise.all(Object.values(receivers).map((r) => r.close()));
    await at(90_000);
    await wave();
    await at(RECEIVER_FAILING_MS);
    for (const receiver of Object.values(receivers)) receiver.recover();
    await Promise.all(Object.values(receivers).map((r) => r.start()));
    const receiversBack = Date.now();

    // every signal of the fee cases stored, then every delivery delivered
    await eventually('every fee-case signal to be stored', async () =>
      (await database.count('signals', `rule_id = 'FEE_NOT_IN_CATALOG'`)) >= feeCases.length
        ? true
        : undefined,
    );
    const delivered = await eventually(
      'every webhook delivery to be delivered',
      async () => {
        const rows = await database.query<{ id: string; status: string; department_id: string }>(
          'SELECT id, status, department_id FROM webhook_deliveries',
        );
        const feeKeysQueued = await database.count(
          'notification_items',
          `alert_key = ANY(ARRAY['${feeCases.map((c) => c.alertKey).join("','")}']) AND kind = 'raised' AND digest_id IS NOT NULL`,
        );
        return rows.length > 0 &&
          rows.every((r) => r.status === 'delivered') &&
          feeKeysQueued === feeCases.length
          ? rows
          : undefined;
      },
      120_000,
      500,
    );
    const lastAccepted = Math.max(
      ...Object.values(receivers).flatMap((r) => r.requests.filter((q) => q.status < 300).map((q) => q.at)),
    );
    const webhookRecoveryMs = lastAccepted - receiversBack;

    // events and signals: nothing lost, nothing doubled
    const expectedIds = new Set(
      [...sample.uniqueEvents, ...feeCases.flatMap((c) => [c.submitted, c.accepted, c.fee])].map(
        (e) => e.eventId,
      ),
    );
    const stored = await database.query<{ event_id: string }>('SELECT event_id FROM audit_events');
    expect(stored).toHaveLength(expectedIds.size);
    expect(new Set(stored.map((r) => r.event_id))).toEqual(expectedIds);
    expect(await database.count('dead_letters')).toBe(sample.malformed.length);
    const [raised] = await database.query<{ raised: string; keys: string }>(
      `SELECT count(*) AS raised, count(DISTINCT alert_key) AS keys FROM signal_outbox WHERE kind = 'raised'`,
    );
    const signalCount = await database.count('signals');
    expect(Number(raised?.raised)).toBe(Number(raised?.keys));
    expect(Number(raised?.keys)).toBe(signalCount);
    expect(bed.pipeline.starts).toBe(1);
    expect(consoleApp.starts).toBe(1);

    // retries are visible: answered 503, then refused connections, then delivered
    const attempts = await database.query<{ status_code: number | null; error: string | null }>(
      'SELECT status_code, error FROM webhook_attempts',
    );
    const answered503 = attempts.filter((a) => a.status_code === 503).length;
    const refused = attempts.filter((a) => a.status_code === null && (a.error ?? '').length > 0).length;
    expect(answered503).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);

    // at the receivers: every delivery accepted, at most once after dedupe by delivery id, and every
    // fee-case signal in exactly one delivery
    const accepted = new Map<string, Digest>();
    let resent = 0;
    for (const receiver of Object.values(receivers)) {
      for (const request of receiver.requests.filter((r) => r.status < 300)) {
        const id = String(request.headers['x-jiancha-delivery']);
        if (accepted.has(id)) resent += 1;
        else accepted.set(id, JSON.parse(request.body) as Digest);
      }
    }
    expect(new Set(accepted.keys())).toEqual(new Set(delivered.map((d) => d.id)));
    for (const feeCase of feeCases) {
      const carriers = [...accepted.values()].filter(
        (digest) =>
          digest.departmentId === feeCase.departmentId &&
          digest.changes.some((c) => c.kind === 'raised' && c.alertKey === feeCase.alertKey),
      );
      expect([feeCase.alertKey, carriers.length]).toEqual([feeCase.alertKey, 1]);
    }
    for (const [departmentId, receiver] of Object.entries(receivers)) {
      for (const digest of receiver.accepted<Digest>()) expect(digest.departmentId).toBe(departmentId);
    }

    const outage = 'PostgreSQL stopped and started (throwaway cluster, fast shutdown)';
    recorder.record(outage, 'database down (ms)', databaseBack - databaseStopped);
    recorder.record(
      outage,
      'pipeline batch retries while down',
      storeRetries,
      'jiancha_store_failures_total; offsets not committed meanwhile',
    );
    recorder.record(outage, 'database back → pipeline at lag 0 (ms)', pipelineRecoveryMs);
    recorder.record(outage, 'database back → console answering again (ms)', consoleRecoveryMs);
    recorder.record(outage, 'process restarts', 0, 'pipeline and console survived by themselves');
    const events = 'Events and signals through both outages';
    recorder.record(events, 'messages produced', sample.messages.length + feeCases.length * 3);
    recorder.record(
      events,
      'valid unique events / stored',
      `${expectedIds.size} / ${stored.length}`,
      'lost 0, doubled 0',
    );
    recorder.record(events, 'dead letters', sample.malformed.length);
    recorder.record(events, 'signals stored, each raised once', signalCount, 'lost 0, doubled 0');
    const webhook = 'Webhook receivers failing (503 for a minute, then connections refused)';
    recorder.record(webhook, 'receivers failing (ms)', receiversBack - t0);
    recorder.record(webhook, 'deliveries (all delivered)', delivered.length);
    recorder.record(
      webhook,
      'attempts logged',
      attempts.length,
      `${answered503} answered 503, ${refused} refused or failed`,
    );
    recorder.record(webhook, 'accepted again after a resend (deduped by X-Jiancha-Delivery)', resent);
    recorder.record(webhook, 'fee signals each in exactly one delivery', feeCases.length);
    recorder.record(webhook, 'receivers back → last delivery accepted (ms)', webhookRecoveryMs);
    recorder.save();
  });
});
