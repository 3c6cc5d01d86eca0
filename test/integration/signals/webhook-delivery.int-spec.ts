// Done-when of issue 5: a red signal raised by the pipeline reaches its department's webhook
// receiver (a real HTTP server) with a valid signature within seconds, is retried while the receiver
// fails, and never reaches another department's receiver. Real Kafka, PostgreSQL, HTTP, pipeline.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  ConsoleTestBed,
  eventually,
  PipelineChild,
  ReceivedRequest,
  WebhookReceiver,
} from '../../support/console-harness';

interface DigestBody {
  digestId: number;
  departmentId: string;
  changes: { kind: string; alertKey: string; level: string; ruleId: string; responseDueAt: string | null }[];
}

/** The receiver's side, written independently of the console's signer. */
function signatureIsValid(request: ReceivedRequest, secret: string, nowSeconds: number): boolean {
  const timestamp = String(request.headers['x-jiancha-timestamp'] ?? '');
  const signature = String(request.headers['x-jiancha-signature'] ?? '');
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > 300) return false;
  const expected = Buffer.from(
    `sha256=${createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex')}`,
  );
  const actual = Buffer.from(signature);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A licensing case whose fee is not in the catalogue: the pipeline raises FEE_NOT_IN_CATALOG (red). */
function unauthorisedFeeCase(departmentId: string, itemCode: string) {
  const caseId = `IT-FEE-${randomUUID().slice(0, 8)}`;
  const now = Date.now();
  const envelope = { schemaVersion: 1, caseId, itemCode, departmentId };
  const feeEventId = `${caseId}-fee`;
  return {
    caseId,
    alertKey: `${caseId}|FEE_NOT_IN_CATALOG|${feeEventId}`,
    events: [
      {
        ...envelope,
        eventId: `${caseId}-submitted`,
        type: 'case.submitted',
        occurredAt: new Date(now - 60_000).toISOString(),
        payload: { channel: 'window', materials: [] },
      },
      {
        ...envelope,
        eventId: feeEventId,
        type: 'fee.assessed',
        occurredAt: new Date(now - 30_000).toISOString(),
        payload: { feeCode: 'FEE-NOT-IN-ANY-CATALOG', amount: 50_000 },
      },
    ],
  };
}

describe('department webhooks', () => {
  const bed = new ConsoleTestBed();
  const pipeline = new PipelineChild(bed);
  const market = new WebhookReceiver(); // 市场监管局 scjgj
  const housing = new WebhookReceiver(); // 住建局 zjj
  const secrets: Record<string, string> = {};

  beforeAll(async () => {
    await bed.setUp();
    await Promise.all([market.start(), housing.start()]);
    for (const [departmentId, receiver] of [
      ['scjgj', market],
      ['zjj', housing],
    ] as const) {
      const saved = await bed.call<{ secret: string }>('PUT', `/api/departments/${departmentId}/webhook`, {
        as: 'admin',
        body: { url: receiver.url },
      });
      expect(saved.status).toBe(200);
      secrets[departmentId] = saved.body.secret;
    }
    await pipeline.start();
  });

  afterAll(async () => {
    await pipeline.stop();
    await bed.tearDown();
    await Promise.all([market.close(), housing.close()]);
  });

  it('delivers a red signal raised by the pipeline to its department only, signed, retried while the receiver fails', async () => {
    market.failNext(2);
    const marketCase = unauthorisedFeeCase('scjgj', 'XK-SCJG-003');
    const housingCase = unauthorisedFeeCase('zjj', 'XK-ZJ-001');
    const sent = Date.now();
    await bed.produceEvents([...marketCase.events, ...housingCase.events]);

    const delivered = await eventually(
      'the red signal at the market department’s receiver',
      () => {
        const hit = market.requests.find((r) => r.status < 300 && r.body.includes(marketCase.alertKey));
        return Promise.resolve(hit);
      },
      20_000,
    );
    expect(delivered.at - sent).toBeLessThan(15_000);

    // retried: two answers 500, then accepted, the same delivery and the same bytes each time
    const attempts = market.requests.filter((r) => r.body.includes(marketCase.alertKey));
    expect(attempts.map((r) => r.status)).toEqual([500, 500, 204]);
    expect(new Set(attempts.map((r) => r.headers['x-jiancha-delivery'])).size).toBe(1);
    expect(new Set(attempts.map((r) => r.body)).size).toBe(1);
    expect(attempts.map((r) => r.headers['x-jiancha-attempt'])).toEqual(['1', '2', '3']);
    for (const attempt of attempts) {
      expect(signatureIsValid(attempt, secrets.scjgj ?? '', Math.floor(attempt.at / 1000))).toBe(true);
      expect(signatureIsValid(attempt, secrets.zjj ?? '', Math.floor(attempt.at / 1000))).toBe(false);
    }

    const body = JSON.parse(delivered.body) as DigestBody;
    expect(body.departmentId).toBe('scjgj');
    expect(body.changes).toContainEqual(
      expect.objectContaining({
        kind: 'raised',
        alertKey: marketCase.alertKey,
        level: 'red',
        ruleId: 'FEE_NOT_IN_CATALOG',
      }),
    );
    const change = body.changes.find((c) => c.alertKey === marketCase.alertKey);
    expect(change?.responseDueAt).toEqual(expect.any(String));

    // the other department got its own signal, and never the market department's
    await eventually('the housing department’s own signal', () =>
      Promise.resolve(housing.requests.find((r) => r.body.includes(housingCase.alertKey))),
    );
    expect(housing.requests.some((r) => r.body.includes(marketCase.alertKey))).toBe(false);
    expect(market.requests.some((r) => r.body.includes(housingCase.alertKey))).toBe(false);
    for (const request of housing.requests) {
      expect(
        (JSON.parse(request.body) as DigestBody).changes.every((c) =>
          c.alertKey.startsWith(housingCase.caseId),
        ),
      ).toBe(true);
    }
  });

  it('keeps every attempt in the delivery log', async () => {
    // the receiver's 200 can arrive before the dispatcher has recorded it: wait for the record
    const retried = await eventually('the third attempt recorded as delivered', async () => {
      const deliveries = await bed.call<{ id: number; status: string; attempts: number }[]>(
        'GET',
        '/api/webhook-deliveries?departmentId=scjgj',
        { as: 'admin' },
      );
      expect(deliveries.status).toBe(200);
      const third = deliveries.body.find((d) => d.attempts === 3);
      return third?.status === 'delivered' ? third : undefined;
    });
    expect(retried).toMatchObject({ status: 'delivered' });
    const log = await bed.call<{ attemptLog: { attempt: number; statusCode: number | null }[] }>(
      'GET',
      `/api/webhook-deliveries/${retried?.id}`,
      { as: 'admin' },
    );
    expect(log.body.attemptLog.map((a) => [a.attempt, a.statusCode])).toEqual([
      [1, 500],
      [2, 500],
      [3, 204],
    ]);
  });
});
