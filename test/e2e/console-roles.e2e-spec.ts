// Issue 16: the console's roles as separate processes (ADR 0010). The pipeline, and three consoles
// started from the same binary: `api` (REST, the page), `ws` (the wall's sockets) and `worker`
// (registrar, overdue sweep, outbox relay, notifier). A red signal the pipeline raises reaches a
// socket of the ws process; the worker's registrar gives it its 督办 deadline; an officer's 签收
// through the api process goes out from the outbox (the api process relays nothing) and reaches
// that socket too; the worker's notifier puts the department's digest in the inbox the api process
// serves. Each process does only its role's work.
import { io, type Socket } from 'socket.io-client';
import type { WallChange } from '@app/contracts';
import { eventually } from '../support/service-process';
import { SystemBed, unauthorisedFeeCase } from '../support/system-bed';

const PASSWORD = 'roles-e2e-password';

describe('the console as separate api, ws and worker processes', () => {
  const bed = new SystemBed({ demoPassword: PASSWORD });
  const changes: WallChange[] = [];
  let socket: Socket | undefined;
  const api = () => bed.consoles[0]!;
  const ws = () => bed.consoles[1]!;
  const worker = () => bed.consoles[2]!;

  beforeAll(async () => {
    // info: the test reads which process logged the replay
    await bed.setUp([
      { CONSOLE_ROLES: 'api', LOG_LEVEL: 'info' },
      { CONSOLE_ROLES: 'ws' },
      { CONSOLE_ROLES: 'worker', LOG_LEVEL: 'info' },
    ]);
    const token = await bed.loginToken(api(), 'jiancha');
    socket = io(ws().url, { transports: ['websocket'], auth: { token }, reconnection: false });
    socket.on('signal', (...frame: WallChange[]) => changes.push(...frame));
    await new Promise<void>((resolve, reject) => {
      socket?.once('connect', () => resolve());
      socket?.once('connect_error', reject);
    });
  });

  afterAll(async () => {
    socket?.disconnect();
    process.stdout.write(`console roles: process output in ${bed.saveOutput('e2e-roles')}\n`);
    await bed.tearDown();
  });

  const call = async (method: string, url: string, token: string, body?: unknown) => {
    const response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json: unknown = await response.json().catch(() => null);
    return { status: response.status, body: json };
  };

  it('gives each process only its role: the REST API on api, the socket on ws, neither on worker', async () => {
    const token = await bed.loginToken(api(), 'jiancha');
    expect((await call('GET', `${api().url}/api/wall/signals`, token)).status).toBe(200);
    expect((await call('GET', `${ws().url}/api/wall/signals`, token)).status).toBe(404);
    expect((await call('GET', `${worker().url}/api/wall/signals`, token)).status).toBe(404);
    for (const instance of [api(), ws(), worker()])
      expect((await fetch(`${instance.url}/health`)).status).toBe(200);
    // socket.io answers its handshake only where the ws role runs
    const polling = (url: string) => fetch(`${url}/socket.io/?EIO=4&transport=polling`).then((r) => r.status);
    expect(await polling(ws().url)).toBe(200);
    expect(await polling(api().url)).toBe(404);
    expect(await polling(worker().url)).toBe(404);
  });

  it('carries a raised signal to the ws process, registers it on the worker, and brings an officer’s 签收 on api back to it', async () => {
    const feeCase = unauthorisedFeeCase('scjgj', 'XK-SCJG-003');
    const producedAt = Date.now();
    await bed.produce([feeCase.submitted, feeCase.accepted, feeCase.fee]);

    const raised = await eventually(
      'the red signal on the ws process',
      () =>
        Promise.resolve(
          changes.find((c) => c.kind === 'raised' && c.signal.alertKey === feeCase.alertKey)
            ? Date.now()
            : undefined,
        ),
      30_000,
      20,
    );
    expect(raised - producedAt).toBeLessThan(5_000);

    // the worker's registrar gives it its 督办 deadline before an officer can sign for it
    await eventually('the registrar (worker) to register the signal', async () => {
      const rows = await bed.database.query<{ recorded_status: string | null }>(
        `SELECT recorded_status FROM signals WHERE alert_key = $1`,
        [feeCase.alertKey],
      );
      return rows[0]?.recorded_status === 'open' ? true : undefined;
    });

    const officer = await bed.loginToken(api(), 'officer-scjgj');
    const acknowledged = await call(
      'POST',
      `${api().url}/api/signals/${encodeURIComponent(feeCase.alertKey)}/acknowledge`,
      officer,
      {},
    );
    expect(acknowledged.status).toBe(200);
    await eventually(
      'the 签收 on the ws process, relayed from the outbox',
      () =>
        Promise.resolve(
          changes.some((c) => c.kind === 'acknowledged' && c.signal.alertKey === feeCase.alertKey)
            ? true
            : undefined,
        ),
      15_000,
      50,
    );

    // the worker's notifier: the department's digest, in the inbox the api process serves
    const inbox = await eventually(
      'the digest in the department inbox',
      async () => {
        const answer = await call('GET', `${api().url}/api/inbox`, officer);
        return JSON.stringify(answer.body).includes(feeCase.caseId) ? answer : undefined;
      },
      30_000,
      250,
    );
    expect(inbox.status).toBe(200);
  });

  it('runs a window replay asked for on api in the worker process, and answers its result on api', async () => {
    const auditor = await bed.loginToken(api(), 'shenji');
    // capped at the live watermark (now − TIMER_GRACE_MS): the earlier test's case submitted and accepted
    const to = new Date().toISOString();
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const asked = await call('POST', `${api().url}/api/replays`, auditor, {
      from,
      to,
      catalog: { mode: 'in-force' },
    });
    expect(asked.status).toBe(202);
    const { id } = asked.body as { id: string };
    const done = await eventually(
      'the replay to finish',
      async () => {
        const run = (await call('GET', `${api().url}/api/replays/${id}`, auditor)).body as {
          status: string;
          eventsRead: number;
          missing: number;
          extra: number;
        };
        return run.status === 'done' || run.status === 'failed' ? run : undefined;
      },
      60_000,
      250,
    );
    expect(done).toMatchObject({ status: 'done', missing: 0, extra: 0 });
    expect(done.eventsRead).toBeGreaterThanOrEqual(2);
    // the worker process logged it: the api process only queued it
    expect(worker().output).toContain('replay done');
    expect(api().output).not.toContain('replay done');
  });
});
