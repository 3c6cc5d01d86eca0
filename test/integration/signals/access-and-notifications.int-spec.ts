// Who may see and do what, and the notification features around the lifecycle: login and its
// throttling, tokens on every API route and on the socket, department scoping in the queries, every
// refusal recorded, silences, the inbox, dead webhook deliveries. Real console, PostgreSQL, Kafka.
import { io, Socket } from 'socket.io-client';
import {
  aSignal,
  ConsoleTestBed,
  DEMO_PASSWORD,
  eventually,
  sleep,
  WebhookReceiver,
} from '../../support/console-harness';

interface Refusal {
  channel: string;
  username: string | null;
  role: string | null;
  target: string;
  status: number;
  reason: string;
  address: string | null;
}

interface SignalBody {
  alertKey: string;
  departmentId: string;
}

describe('access to the console', () => {
  const bed = new ConsoleTestBed({
    LOGIN_THROTTLE_PER_USERNAME: '5',
    LOGIN_THROTTLE_PER_ADDRESS: '1000',
    WEBHOOK_MAX_ATTEMPTS: '2',
  });
  const sockets: Socket[] = [];
  const market = aSignal({ departmentId: 'scjgj' });
  const housing = aSignal({ departmentId: 'zjj', itemCode: 'XK-ZJ-001' });

  beforeAll(async () => {
    await bed.setUp();
    await bed.raise([market, housing]);
    await bed.query(
      `INSERT INTO cases (case_id, item_code, department_id, partition, phase, event_count, last_occurred_at)
       VALUES ($1, 'XK-SCJG-003', 'scjgj', 0, 'accepted', 2, now()), ($2, 'XK-ZJ-001', 'zjj', 0, 'accepted', 2, now())`,
      [market.caseId, housing.caseId],
    );
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await bed.tearDown();
  });

  const refusals = async () =>
    (await bed.call<Refusal[]>('GET', '/api/audit/access-refusals?limit=1000', { as: 'shenji' })).body;

  /** Waits until a message in the officer's inbox names the signal. */
  const inboxNames = (what: string, officer: string, alertKey: string) =>
    eventually(what, async () => {
      const inbox = await bed.call<{ body: { changes: { alertKey: string }[] } }[]>('GET', '/api/inbox', {
        as: officer,
      });
      return inbox.body.some((m) => m.body.changes.some((c) => c.alertKey === alertKey)) ? true : undefined;
    });

  describe('login', () => {
    it('gives a token for the right password, and 401 without telling which part was wrong', async () => {
      const right = await bed.call<{ token: string; user: { role: string } }>('POST', '/api/auth/login', {
        body: { username: 'jiancha', password: DEMO_PASSWORD },
      });
      expect(right.status).toBe(200);
      expect(right.body.user.role).toBe('supervisor');
      const me = await bed.call<{ username: string }>('GET', '/api/auth/me', { token: right.body.token });
      expect(me.body.username).toBe('jiancha');
      const wrong = await bed.call<{ message: string }>('POST', '/api/auth/login', {
        body: { username: 'jiancha', password: 'guess' },
      });
      const unknown = await bed.call<{ message: string }>('POST', '/api/auth/login', {
        body: { username: 'nobody', password: 'guess' },
      });
      expect([wrong.status, unknown.status]).toEqual([401, 401]);
      expect(unknown.body.message).toBe(wrong.body.message);
    });

    it('throttles guessing at one username and records every refusal', async () => {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 7; attempt += 1) {
        const answer = await bed.call('POST', '/api/auth/login', {
          body: { username: 'officer-wjw', password: `guess-${attempt}` },
        });
        statuses.push(answer.status);
      }
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5)).toEqual([429, 429]);
      const right = await bed.call('POST', '/api/auth/login', {
        body: { username: 'officer-wjw', password: DEMO_PASSWORD },
      });
      expect(right.status).toBe(429);
      const recorded = (await refusals()).filter((r) => r.username === 'officer-wjw');
      expect(recorded.map((r) => r.status).sort()).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
      expect(recorded[0]?.address).toMatch(/127\.0\.0\.1/);
    });
  });

  describe('tokens', () => {
    it('are needed on every API route, but not for health, metrics, the wall page and the API docs', async () => {
      for (const route of [
        '/api/signals',
        '/api/summary',
        '/api/silences',
        '/api/inbox',
        '/api/users',
        '/api/webhooks',
      ]) {
        expect([route, (await bed.call('GET', route)).status]).toEqual([route, 401]);
      }
      expect((await bed.call('GET', '/api/signals', { token: 'not-a-token' })).status).toBe(401);
      expect((await bed.call('GET', '/health')).status).toBe(200);
      expect((await bed.call('GET', '/metrics')).status).toBe(200);
      expect((await bed.call<string>('GET', '/')).body).toContain('电子监察');
      const docs = await bed.call<{ openapi: string; paths: Record<string, unknown> }>(
        'GET',
        '/api/docs/openapi.json',
      );
      expect(docs.body.openapi).toMatch(/^3\./);
      expect(Object.keys(docs.body.paths)).toEqual(
        expect.arrayContaining([
          '/api/auth/login',
          '/api/signals/{alertKey}/acknowledge',
          '/api/signals/{alertKey}/close',
          '/api/silences',
          '/api/inbox/{id}/acknowledge',
          '/api/departments/{departmentId}/webhook',
          '/api/webhook-deliveries',
        ]),
      );
    });

    it('stop working when the user is deactivated', async () => {
      const token = await bed.login('officer-rsj');
      const users = await bed.call<{ id: string; username: string }[]>('GET', '/api/users', { as: 'admin' });
      const officer = users.body.find((u) => u.username === 'officer-rsj');
      expect(
        (await bed.call('PATCH', `/api/users/${officer?.id}`, { as: 'admin', body: { active: false } }))
          .status,
      ).toBe(200);
      const refused = await bed.call<{ message: string }>('GET', '/api/summary', { token });
      expect(refused.status).toBe(401);
      expect(refused.body.message).toBe('user officer-rsj is deactivated');
    });
  });

  describe('roles and departments', () => {
    it('show a department officer only their own department, enforced on the server', async () => {
      const own = await bed.call<SignalBody[]>('GET', '/api/signals', { as: 'officer-scjgj' });
      expect(own.status).toBe(200);
      expect(own.body.map((s) => s.departmentId)).toEqual(['scjgj']);
      const everyone = await bed.call<SignalBody[]>('GET', '/api/signals', { as: 'jiancha' });
      expect(everyone.body.map((s) => s.departmentId).sort()).toEqual(['scjgj', 'zjj']);
      const encoded = encodeURIComponent(housing.alertKey);
      expect((await bed.call('GET', '/api/signals?departmentId=zjj', { as: 'officer-scjgj' })).status).toBe(
        403,
      );
      // another department's signal or case answers exactly like one that does not exist
      for (const [route, missing] of [
        [`/api/signals/${encoded}`, `/api/signals/${encodeURIComponent('NO-SUCH|X|')}`],
        [
          `/api/signals/${encoded}/transitions`,
          `/api/signals/${encodeURIComponent('NO-SUCH|X|')}/transitions`,
        ],
        [`/api/cases/${housing.caseId}`, '/api/cases/NO-SUCH-CASE'],
      ] as const) {
        const other = await bed.call<{ message: string }>('GET', route, { as: 'officer-scjgj' });
        const none = await bed.call<{ message: string }>('GET', missing, { as: 'officer-scjgj' });
        expect([route, other.status]).toEqual([route, 404]);
        expect(other.body.message.replace(housing.alertKey, 'X').replace(housing.caseId, 'X')).toBe(
          none.body.message.replace('NO-SUCH|X|', 'X').replace('NO-SUCH-CASE', 'X'),
        );
      }
      const ownCase = await bed.call<{ signals: SignalBody[] }>('GET', `/api/cases/${market.caseId}`, {
        as: 'officer-scjgj',
      });
      expect(ownCase.body.signals.map((s) => s.alertKey)).toEqual([market.alertKey]);
      const summary = await bed.call<{ openSignals: { red?: number }; casesTotal: number }>(
        'GET',
        '/api/summary',
        {
          as: 'officer-scjgj',
        },
      );
      expect(summary.body).toMatchObject({ openSignals: { red: 1 }, casesTotal: 1 });
    });

    it('refuse a role where it may not act, naming who may, and record the refusal', async () => {
      const answer = await bed.call<{ message: string }>('GET', '/api/users', { as: 'jiancha' });
      expect(answer.status).toBe(403);
      expect(answer.body.message).toBe('only administrator may do this; you are supervisor');
      expect((await bed.call('GET', '/api/signals', { as: 'admin' })).status).toBe(403);
      expect((await bed.call('GET', '/api/audit/access-refusals', { as: 'officer-scjgj' })).status).toBe(403);
      const recorded = await refusals();
      expect(recorded).toContainEqual(
        expect.objectContaining({
          channel: 'http',
          username: 'jiancha',
          role: 'supervisor',
          target: '/api/users',
          status: 403,
        }),
      );
      expect(recorded).toContainEqual(
        expect.objectContaining({
          username: 'officer-scjgj',
          target: `/api/cases/${housing.caseId}`,
          status: 404,
          reason: `case ${housing.caseId} belongs to another department`,
        }),
      );
    });
  });

  describe('the socket', () => {
    function connect(token: string | undefined): Promise<Socket> {
      const socket = io(bed.baseUrl, {
        transports: ['websocket'],
        auth: token ? { token } : {},
        reconnection: false,
      });
      sockets.push(socket);
      return new Promise((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    }

    it('refuses a handshake without a valid token, and records it', async () => {
      await expect(connect(undefined)).rejects.toThrow('unauthorized: missing login token');
      await expect(connect('forged')).rejects.toThrow('unauthorized: invalid login token');
      const recorded = (await refusals()).filter((r) => r.channel === 'socket' && r.target === 'handshake');
      expect(recorded.length).toBeGreaterThanOrEqual(2);
    });

    it('puts an officer in their own department’s room only, refusing any other', async () => {
      const officer = await connect(await bed.login('officer-scjgj'));
      const supervisor = await connect(await bed.login('jiancha'));
      const officerSaw: string[] = [];
      const supervisorSaw: string[] = [];
      // a frame carries a batch of changes, one per argument
      officer.on('signal', (...changes: { signal: SignalBody }[]) =>
        officerSaw.push(...changes.map((change) => change.signal.alertKey)),
      );
      supervisor.on('signal', (...changes: { signal: SignalBody }[]) =>
        supervisorSaw.push(...changes.map((change) => change.signal.alertKey)),
      );
      const other = (await officer.emitWithAck('join', { room: 'department:zjj' })) as {
        ok: boolean;
        error: string;
      };
      expect(other).toEqual({
        ok: false,
        error: 'a department officer of scjgj may only join department:scjgj',
      });
      const everyone = (await officer.emitWithAck('join', { room: 'supervisors' })) as { ok: boolean };
      expect(everyone.ok).toBe(false);
      expect(((await supervisor.emitWithAck('join', { room: 'department:zjj' })) as { ok: boolean }).ok).toBe(
        true,
      );
      const recorded = (await refusals()).filter(
        (r) => r.channel === 'socket' && r.username === 'officer-scjgj',
      );
      expect(recorded.map((r) => r.target).sort()).toEqual(['department:zjj', 'supervisors']);

      const mine = aSignal({ departmentId: 'scjgj' });
      const theirs = aSignal({ departmentId: 'zjj', itemCode: 'XK-ZJ-001' });
      await bed.raise([theirs, mine]);
      await eventually('both changes at the supervisor', () =>
        Promise.resolve(
          supervisorSaw.includes(mine.alertKey) && supervisorSaw.includes(theirs.alertKey) ? true : undefined,
        ),
      );
      await eventually('the officer’s own change', () =>
        Promise.resolve(officerSaw.includes(mine.alertKey) ? true : undefined),
      );
      expect(officerSaw).not.toContain(theirs.alertKey);
    });
  });

  describe('silences', () => {
    it('are made by supervisors with a reason and an expiry, audited, and hold back matching notifications', async () => {
      const endsAt = new Date(Date.now() + 3600_000).toISOString();
      const byOfficer = await bed.call('POST', '/api/silences', {
        as: 'officer-sthjj',
        body: { departmentId: 'sthjj', reason: 'our system is down', endsAt },
      });
      expect(byOfficer.status).toBe(403);
      const noReason = await bed.call('POST', '/api/silences', {
        as: 'jiancha',
        body: { departmentId: 'sthjj', endsAt },
      });
      expect(noReason.status).toBe(400);
      const created = await bed.call<{ id: string; createdBy: string }>('POST', '/api/silences', {
        as: 'jiancha',
        body: { departmentId: 'sthjj', reason: '生态环境局业务系统停机维护', endsAt },
      });
      expect(created.status).toBe(201);
      expect(created.body.createdBy).toBe('jiancha');

      const silenced = aSignal({ departmentId: 'sthjj', itemCode: 'XK-STHJ-001' });
      const loud = aSignal({ departmentId: 'swj', itemCode: 'XK-SW-001' });
      await bed.raise([silenced, loud]);
      const [held] = await eventually('the silenced change settled', async () => {
        const rows = await bed.query<{ suppressed_by: string | null; digest_id: string | null }>(
          `SELECT suppressed_by, digest_id FROM notification_items WHERE alert_key = $1 AND settled_at IS NOT NULL`,
          [silenced.alertKey],
        );
        return rows.length > 0 ? rows : undefined;
      });
      expect(held).toEqual({ suppressed_by: `silence:${created.body.id}`, digest_id: null });
      await inboxNames('the other department notified', 'officer-swj', loud.alertKey);
      expect((await bed.call<unknown[]>('GET', '/api/inbox', { as: 'officer-sthjj' })).body).toEqual([]);

      const expired = await bed.call<{ expiredBy: string }>('DELETE', `/api/silences/${created.body.id}`, {
        as: 'jiancha',
      });
      expect(expired.body.expiredBy).toBe('jiancha');
      const audit = await bed.call<{ action: string; actorUsername: string }[]>(
        'GET',
        '/api/audit/operator-actions',
        {
          as: 'shenji',
        },
      );
      expect(
        audit.body.filter((a) => a.action.startsWith('silence.')).map((a) => [a.action, a.actorUsername]),
      ).toEqual([
        ['silence.expire', 'jiancha'],
        ['silence.create', 'jiancha'],
      ]);
      const after = aSignal({ departmentId: 'sthjj', itemCode: 'XK-STHJ-001' });
      await bed.raise([after]);
      await inboxNames('notified again once the silence is over', 'officer-sthjj', after.alertKey);
    });
  });

  describe('the inbox', () => {
    it('is read and acknowledged by the department’s own officers only', async () => {
      const message = await eventually('the market department’s first message', async () => {
        const inbox = await bed.call<{ id: number; title: string; readAt: string | null }[]>(
          'GET',
          '/api/inbox',
          {
            as: 'officer-scjgj',
          },
        );
        return inbox.body.at(-1);
      });
      expect(message.title).toContain('条监察信号变更');
      expect(
        (await bed.call('POST', `/api/inbox/${message.id}/acknowledge`, { as: 'officer-zjj' })).status,
      ).toBe(404);
      expect((await bed.call('POST', `/api/inbox/${message.id}/read`, { as: 'jiancha' })).status).toBe(403);
      const read = await bed.call<{ readBy: string }>('POST', `/api/inbox/${message.id}/read`, {
        as: 'officer-scjgj',
      });
      expect(read.body.readBy).toBe('officer-scjgj');
      const acknowledged = await bed.call<{ acknowledgedBy: string; acknowledgedAt: string }>(
        'POST',
        `/api/inbox/${message.id}/acknowledge`,
        { as: 'officer-scjgj' },
      );
      expect(acknowledged.body.acknowledgedBy).toBe('officer-scjgj');
      const unread = await bed.call<{ id: number }[]>('GET', '/api/inbox?unread=true', {
        as: 'officer-scjgj',
      });
      expect(unread.body.map((m) => m.id)).not.toContain(message.id);
    });
  });

  describe('dead webhook deliveries', () => {
    it('are shown to administrators after the last attempt, and can be sent again', async () => {
      const receiver = await new WebhookReceiver().start();
      try {
        receiver.failAlways();
        const saved = await bed.call<{ secret: string }>('PUT', '/api/departments/wjw/webhook', {
          as: 'admin',
          body: { url: receiver.url },
        });
        expect(saved.body.secret).toMatch(/^whsec_/);
        const again = await bed.call<{ secret: string | null }>('PUT', '/api/departments/wjw/webhook', {
          as: 'admin',
          body: { url: receiver.url },
        });
        expect(again.body.secret).toBeNull();
        await bed.raise([aSignal({ departmentId: 'wjw', itemCode: 'XK-WJ-002' })]);
        const [dead] = await eventually('a dead delivery', async () => {
          const found = await bed.call<{ id: number; attempts: number; lastStatusCode: number }[]>(
            'GET',
            '/api/webhook-deliveries?status=dead&departmentId=wjw',
            { as: 'admin' },
          );
          return found.body.length > 0 ? found.body : undefined;
        });
        expect(dead).toMatchObject({ attempts: 2, lastStatusCode: 500 });
        expect(receiver.requests).toHaveLength(2);
        expect((await bed.call('GET', '/api/webhook-deliveries?status=dead', { as: 'jiancha' })).status).toBe(
          403,
        );
        await sleep(500);
        expect(receiver.requests).toHaveLength(2);
        const retried = await bed.call<{ status: string }>(
          'POST',
          `/api/webhook-deliveries/${dead?.id}/retry`,
          { as: 'admin' },
        );
        expect(retried.body.status).toBe('pending');
        await eventually('attempts after the retry', () =>
          Promise.resolve(receiver.requests.length >= 3 ? true : undefined),
        );
      } finally {
        await receiver.close();
      }
    });
  });
});
