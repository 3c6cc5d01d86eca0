// Done-when of issue 5: a burst of 1,000 signals for one department within 10 seconds produces a
// handful of digests, not 1,000 notifications, and loses none of the signals.
import { aSignal, ConsoleTestBed, eventually, sleep, WebhookReceiver } from '../../support/console-harness';

interface DigestBody {
  digestId: number;
  departmentId: string;
  changes: { kind: string; alertKey: string }[];
}

interface Digest {
  id: number;
  createdAt: string;
  itemCount: number;
  body: DigestBody;
}

const INTERVAL_MS = 3000;

describe('notification digests', () => {
  const bed = new ConsoleTestBed({ NOTIFY_DIGEST_INTERVAL_MS: String(INTERVAL_MS) });
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    await bed.setUp();
    await receiver.start();
    const saved = await bed.call('PUT', '/api/departments/jtysj/webhook', {
      as: 'admin',
      body: { url: receiver.url },
    });
    expect(saved.status).toBe(200);
  });

  afterAll(async () => {
    await bed.tearDown();
    await receiver.close();
  });

  it('turns a burst of 1,000 signals for one department into a handful of digests, losing none', async () => {
    const signals = Array.from({ length: 1000 }, () =>
      aSignal({ departmentId: 'jtysj', itemCode: 'XK-JTYS-001' }),
    );
    const started = Date.now();
    for (let batch = 0; batch < 10; batch += 1) {
      await bed.raise(signals.slice(batch * 100, (batch + 1) * 100));
      await sleep(500);
    }
    expect(Date.now() - started).toBeLessThan(10_000);

    const delivered = await eventually(
      'every signal at the department’s webhook',
      () => {
        const keys = receiver
          .accepted<DigestBody>()
          .flatMap((digest) => digest.changes.filter((c) => c.kind === 'raised').map((c) => c.alertKey));
        return Promise.resolve(new Set(keys).size >= signals.length ? keys : undefined);
      },
      90_000,
      250,
    );
    expect(delivered).toHaveLength(signals.length);
    expect([...delivered].sort()).toEqual(signals.map((s) => s.alertKey).sort());

    const digests = (
      await bed.call<Digest[]>('GET', '/api/notifications/digests?departmentId=jtysj&limit=1000', {
        as: 'jiancha',
      })
    ).body.sort((a, b) => a.id - b.id);
    expect(digests.length).toBeGreaterThanOrEqual(2);
    expect(digests.length).toBeLessThanOrEqual(10);
    expect(digests.reduce((sum, d) => sum + d.itemCount, 0)).toBe(signals.length);
    // the first goes out at once, with what had arrived; then at most one per interval
    expect(digests[0]?.itemCount).toBeLessThanOrEqual(200);
    for (let i = 1; i < digests.length; i += 1) {
      const gap = Date.parse(digests[i]?.createdAt ?? '') - Date.parse(digests[i - 1]?.createdAt ?? '');
      expect(gap).toBeGreaterThanOrEqual(INTERVAL_MS);
    }
    // one webhook request and one inbox message per digest, not one per signal
    expect(receiver.requests).toHaveLength(digests.length);
    const inbox = await bed.call<unknown[]>('GET', '/api/inbox?limit=1000', { as: 'officer-jtysj' });
    expect(inbox.body).toHaveLength(digests.length);
  });
});
