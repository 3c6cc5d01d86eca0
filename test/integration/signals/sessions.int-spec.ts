// Sessions that follow the truth (issue 17): when an administrator deactivates an officer or moves
// one to another department, their open sockets stop receiving the old department's signals within
// two seconds and their old tokens get 401, with the ending recorded. Real console, PostgreSQL, Kafka.
import { io, Socket } from 'socket.io-client';
import { aSignal, ConsoleTestBed, DEMO_PASSWORD, eventually } from '../../support/console-harness';

interface UserBody {
  id: string;
  username: string;
}

describe('sessions that follow the truth', () => {
  const bed = new ConsoleTestBed();
  const sockets: Socket[] = [];

  beforeAll(async () => {
    await bed.setUp();
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await bed.tearDown();
  });

  async function anOfficer(username: string): Promise<{ id: string; token: string }> {
    const created = await bed.call<UserBody>('POST', '/api/users', {
      as: 'admin',
      body: {
        username,
        displayName: username,
        role: 'department_officer',
        departmentId: 'scjgj',
        password: DEMO_PASSWORD,
      },
    });
    expect(created.status).toBe(201);
    const login = await bed.call<{ token: string }>('POST', '/api/auth/login', {
      body: { username, password: DEMO_PASSWORD },
    });
    expect(login.status).toBe(200);
    return { id: created.body.id, token: login.body.token };
  }

  /** A socket of a token, and the alert keys it receives. */
  async function listen(token: string): Promise<{ socket: Socket; saw: string[] }> {
    const socket = io(bed.baseUrl, { transports: ['websocket'], auth: { token }, reconnection: false });
    sockets.push(socket);
    const saw: string[] = [];
    socket.on('signal', (...changes: { signal: { alertKey: string } }[]) =>
      saw.push(...changes.map((change) => change.signal.alertKey)),
    );
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return { socket, saw };
  }

  it('ends the sockets and tokens of a deactivated officer and of one moved to another department', async () => {
    const deactivated = await anOfficer('it-officer-leaving');
    const moved = await anOfficer('it-officer-moving');
    const stays = await anOfficer('it-officer-staying');
    const feeds = [await listen(deactivated.token), await listen(moved.token), await listen(stays.token)];
    const before = aSignal({ departmentId: 'scjgj' });
    await bed.raise([before]);
    await eventually('every officer sees their department’s signal', () =>
      Promise.resolve(feeds.every((feed) => feed.saw.includes(before.alertKey)) ? true : undefined),
    );

    expect(
      (await bed.call('PATCH', `/api/users/${deactivated.id}`, { as: 'admin', body: { active: false } }))
        .status,
    ).toBe(200);
    expect(
      (await bed.call('PATCH', `/api/users/${moved.id}`, { as: 'admin', body: { departmentId: 'zjj' } }))
        .status,
    ).toBe(200);
    const changedAt = Date.now();
    const [leaving, moving, staying] = feeds as [(typeof feeds)[0], (typeof feeds)[0], (typeof feeds)[0]];
    await eventually('both sockets closed', () =>
      Promise.resolve(!leaving.socket.connected && !moving.socket.connected ? true : undefined),
    );
    expect(Date.now() - changedAt).toBeLessThan(2_000);
    expect(staying.socket.connected).toBe(true);

    const after = aSignal({ departmentId: 'scjgj' });
    await bed.raise([after]);
    await eventually('the officer who stays sees the next signal', () =>
      Promise.resolve(staying.saw.includes(after.alertKey) ? true : undefined),
    );
    expect(leaving.saw).not.toContain(after.alertKey);
    expect(moving.saw).not.toContain(after.alertKey);

    for (const { token } of [deactivated, moved]) {
      const answer = await bed.call<{ message: string }>('GET', '/api/signals', { token });
      expect(answer.status).toBe(401);
    }
    expect((await bed.call('GET', '/api/signals', { token: stays.token })).status).toBe(200);
    // the moved officer logs in again and works in the new department
    const again = await bed.call<{ token: string }>('POST', '/api/auth/login', {
      body: { username: 'it-officer-moving', password: DEMO_PASSWORD },
    });
    const mine = await bed.call<{ departmentId: string }[]>('GET', '/api/signals', {
      token: again.body.token,
    });
    expect(mine.status).toBe(200);
    expect(mine.body.every((signal) => signal.departmentId === 'zjj')).toBe(true);

    const recorded = (
      await bed.call<{ channel: string; username: string | null; target: string; status: number }[]>(
        'GET',
        '/api/audit/access-refusals?limit=1000',
        { as: 'shenji' },
      )
    ).body.filter((r) => r.channel === 'socket' && r.target === 'session');
    expect(recorded.map((r) => r.username).sort()).toEqual(['it-officer-leaving', 'it-officer-moving']);
  });
});
