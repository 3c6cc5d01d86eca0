// Notifications through a crash: 300 messages queued for a department's WeCom robot (a real HTTP
// receiver that answers each request after 150 ms), and `kill -9` of the console while its WeCom
// lane has attempts in flight; the console restarted. Then: every message received (nothing lost),
// every one delivered in the delivery log, and a message received twice only if its attempt was
// in flight at the kill (its answer came, its record did not): at-least-once, bounded by the lane.
import { FaultRecorder } from '../support/fault-results';
import { eventually } from '../support/service-process';
import { SystemBed } from '../support/system-bed';
import { WeComReceiver } from '../support/channel-receivers';

const MESSAGES = 300;

describe('notifications', () => {
  const recorder = new FaultRecorder('notifications');
  const bed = new SystemBed({
    demoPassword: 'fault-demo-password',
    consoleEnvironment: {
      OUTBOUND_BACKOFF_MS: '200',
      OUTBOUND_BACKOFF_MAX_MS: '1000',
      OUTBOUND_TIMEOUT_MS: '2000',
    },
  });
  const wecom = new WeComReceiver('wecom-fault-key');

  beforeAll(async () => {
    await wecom.start();
    await bed.setUp(1);
  });

  afterAll(async () => {
    if (bed) {
      process.stdout.write(`notifications: process output in ${bed.saveOutput('fault-notifications')}\n`);
      await bed.tearDown();
    }
    await wecom.stop();
  });

  it('loses nothing and doubles only what was in flight through kill -9 of the console mid-delivery', async () => {
    const consoleApp = bed.consoles[0]!;
    const token = await bed.loginToken(consoleApp, 'admin');
    const saved = await fetch(`${consoleApp.url}/api/departments/scjgj/robots/wecom`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ label: '政务微信群', url: wecom.url, enabled: true }),
    });
    expect(saved.status).toBe(200);
    wecom.answerAfter(150);
    await bed.database.query(
      `INSERT INTO outbound_messages (dedupe_key, purpose, department_id, channel, recipient_address, recipient_name,
         recipient_hint, subject, text, html, short_text, status, not_before, next_attempt_at)
       SELECT 'fault:' || n, 'test', 'scjgj', 'wecom', 'scjgj/wecom', '政务微信群', '政务微信群',
              '故障测试 #' || n, '**故障测试 #' || n || '**', '', '故障测试', 'pending', now(), now()
         FROM generate_series(1, $1::int) AS n`,
      [MESSAGES],
    );
    await eventually('a third of the messages', () =>
      Promise.resolve(wecom.received.length >= MESSAGES / 3 ? true : undefined),
    );
    await consoleApp.kill9();
    const receivedAtKill = wecom.received.length;
    const inFlight = await bed.database.query<{ dedupe_key: string }>(
      `SELECT dedupe_key FROM outbound_messages WHERE status = 'pending' AND attempts > 0`,
    );
    expect(receivedAtKill).toBeLessThan(MESSAGES);
    await consoleApp.start();
    await eventually(
      'every message delivered',
      async () =>
        (await bed.database.count('outbound_messages', `status = 'delivered'`)) === MESSAGES
          ? true
          : undefined,
      120_000,
      250,
    );

    const counts = new Map<number, number>();
    for (const message of wecom.received) {
      const n = Number(/故障测试 #(\d+)/.exec(message.content)?.[1]);
      counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    const lost = Array.from({ length: MESSAGES }, (_, i) => i + 1).filter((n) => !counts.has(n));
    const doubled = [...counts].filter(([, count]) => count > 1).map(([n]) => `fault:${n}`);
    const inFlightKeys = new Set(inFlight.map((row) => row.dedupe_key));
    expect(lost).toEqual([]);
    expect(doubled.every((key) => inFlightKeys.has(key))).toBe(true);
    expect(doubled.length).toBeLessThanOrEqual(20); // one lane's batch
    const attempts = await bed.database.query<{ attempts: number }>(
      `SELECT attempts FROM outbound_messages WHERE dedupe_key = ANY($1)`,
      [[...inFlightKeys]],
    );
    expect(attempts.every((row) => row.attempts === 2)).toBe(true);

    const section = 'kill -9 of the console while its WeCom lane sends';
    recorder.record(section, 'messages queued', MESSAGES);
    recorder.record(section, 'received when the console was killed', receivedAtKill);
    recorder.record(
      section,
      'attempts in flight at the kill',
      inFlight.length,
      'claimed, no outcome recorded',
    );
    recorder.record(section, 'messages lost', lost.length);
    recorder.record(
      section,
      'messages received twice',
      doubled.length,
      'only attempts in flight at the kill: answered by the receiver, not yet recorded',
    );
    recorder.record(section, 'delivered in the delivery log at the end', MESSAGES);
    recorder.save();
  }, 240_000);
});
