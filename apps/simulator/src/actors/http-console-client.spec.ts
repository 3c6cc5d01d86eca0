import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConsoleRequestError } from './console-client';
import { HttpConsoleClient, HttpConsoleClientOptions } from './http-console-client';
import { aConsoleSignal } from './testing/in-memory-console-client';

interface SeenRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  body: unknown;
}

type Answer = { status: number; body: unknown };

/** A console on a real port: records each request and answers with `answer`. */
class ScriptedConsole {
  readonly seen: SeenRequest[] = [];
  private server: Server | undefined;
  private issued = 0;

  constructor(private readonly answer: (request: SeenRequest, server: ScriptedConsole) => Answer) {}

  /** A new token per login: `token-<username>-<n>`. */
  nextToken(username: string): string {
    this.issued += 1;
    return `token-${username}-${this.issued}`;
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of request) text += String(chunk);
    const seen: SeenRequest = {
      method: request.method ?? '',
      url: request.url ?? '',
      authorization: request.headers.authorization,
      body: text ? (JSON.parse(text) as unknown) : undefined,
    };
    this.seen.push(seen);
    const { status, body } = this.answer(seen, this);
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}

function login(request: SeenRequest, server: ScriptedConsole): Answer {
  const { username, password } = request.body as { username: string; password: string };
  if (password !== 'demo-password')
    return {
      status: 401,
      body: { statusCode: 401, message: 'wrong username or password', error: 'Unauthorized' },
    };
  return { status: 200, body: { token: server.nextToken(username), tokenType: 'Bearer' } };
}

describe(HttpConsoleClient.name, () => {
  let server: ScriptedConsole | undefined;

  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  async function connect(
    answer: (request: SeenRequest, server: ScriptedConsole) => Answer,
    options: Partial<HttpConsoleClientOptions> = {},
  ) {
    server = new ScriptedConsole((request, self) =>
      request.url === '/api/auth/login' ? login(request, self) : answer(request, self),
    );
    const baseUrl = await server.start();
    return {
      server,
      sut: new HttpConsoleClient({ baseUrl, password: 'demo-password', ...options }),
    };
  }

  it('logs each user in once and lists with the console’s query parameters', async () => {
    const signal = aConsoleSignal();
    const { server, sut } = await connect(() => ({ status: 200, body: [signal] }));

    const first = await sut.listSignals('officer-scjgj', {
      status: ['open', 'acknowledged'],
      departmentId: 'scjgj',
      level: 'red',
      limit: 500,
      raisedBefore: Date.parse('2026-04-20T02:00:00.000Z'),
    });
    await sut.listSignals('officer-scjgj', { status: ['responded'], limit: 10 });
    await sut.listSignals('jiancha', { status: ['responded'], limit: 10 });

    expect(first).toEqual([signal]);
    expect(
      server.seen.map((request) => `${request.method} ${request.url} ${request.authorization ?? '-'}`),
    ).toEqual([
      'POST /api/auth/login -',
      'GET /api/signals?status=open%2Cacknowledged&limit=500&departmentId=scjgj&level=red&raisedBefore=2026-04-20T02%3A00%3A00.000Z Bearer token-officer-scjgj-1',
      'GET /api/signals?status=responded&limit=10 Bearer token-officer-scjgj-1',
      'POST /api/auth/login -',
      'GET /api/signals?status=responded&limit=10 Bearer token-jiancha-2',
    ]);
    expect(server.seen[0]?.body).toEqual({ username: 'officer-scjgj', password: 'demo-password' });
  });

  it('sends lifecycle steps to the signal’s URL-encoded path with their body', async () => {
    const signal = aConsoleSignal({ alertKey: 'c-1|FEE_OVER_STANDARD|f-2', status: 'acknowledged' });
    const { server, sut } = await connect(() => ({ status: 200, body: signal }));

    const outcome = await sut.acknowledge('officer-scjgj', signal.alertKey, { text: '已签收' });
    await sut.respond('officer-scjgj', signal.alertKey, { responseKind: 'correction', text: '已退还' });
    await sut.close('jiancha', signal.alertKey, { verdict: 'corrected', text: '整改到位' });

    expect(outcome).toEqual({ outcome: 'done', signal });
    const steps = server.seen.filter((request) => request.url.startsWith('/api/signals/'));
    expect(steps.map((request) => [request.url, request.body])).toEqual([
      ['/api/signals/c-1%7CFEE_OVER_STANDARD%7Cf-2/acknowledge', { text: '已签收' }],
      ['/api/signals/c-1%7CFEE_OVER_STANDARD%7Cf-2/respond', { responseKind: 'correction', text: '已退还' }],
      ['/api/signals/c-1%7CFEE_OVER_STANDARD%7Cf-2/close', { verdict: 'corrected', text: '整改到位' }],
    ]);
  });

  it('answers a 409 as a conflict, with the console’s reason', async () => {
    const reason = 'the signal was superseded by c|TIME_OVERDUE_RED| (升级); act on that signal';
    const { sut } = await connect(() => ({
      status: 409,
      body: { statusCode: 409, message: reason, error: 'Conflict' },
    }));

    await expect(sut.acknowledge('officer-scjgj', 'c|TIME_OVERDUE|', {})).resolves.toEqual({
      outcome: 'conflict',
      reason,
    });
  });

  it('throws any other refusal with the method, path, status and message', async () => {
    const { sut } = await connect(() => ({
      status: 403,
      body: { statusCode: 403, message: 'the signal belongs to department zjj', error: 'Forbidden' },
    }));

    await expect(sut.close('officer-scjgj', 'c|R|', { verdict: 'justified' })).rejects.toThrow(
      'POST /api/signals/c%7CR%7C/close answered 403: the signal belongs to department zjj',
    );
  });

  it('logs in again once when the console no longer accepts the token', async () => {
    const { server, sut } = await connect((request) =>
      request.authorization === 'Bearer token-jiancha-1'
        ? { status: 401, body: { statusCode: 401, message: 'token expired' } }
        : { status: 200, body: [] },
    );

    await expect(sut.listSignals('jiancha', { status: ['open'], limit: 1 })).resolves.toEqual([]);
    expect(server.seen.map((request) => request.url.split('?')[0])).toEqual([
      '/api/auth/login',
      '/api/signals',
      '/api/auth/login',
      '/api/signals',
    ]);
  });

  it('does not try a refused login again before the retry time', async () => {
    let now = 0;
    const { server, sut } = await connect(() => ({ status: 200, body: [] }), {
      password: 'wrong',
      loginRetryMs: 60_000,
      clock: () => now,
    });
    const list = () => sut.listSignals('jiancha', { status: ['open'], limit: 1 });

    await expect(list()).rejects.toThrow(
      'POST /api/auth/login answered 401: jiancha: wrong username or password',
    );
    await expect(list()).rejects.toThrow(ConsoleRequestError);
    now = 60_000;
    await expect(list()).rejects.toThrow('answered 401');

    expect(server.seen.filter((request) => request.url === '/api/auth/login')).toHaveLength(2);
  });

  it('says which request failed when the console cannot be reached', async () => {
    const { server, sut } = await connect(() => ({ status: 200, body: [] }));
    await server.stop();

    const failure = await sut.logIn('jiancha').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ConsoleRequestError);
    expect(failure).toMatchObject({ method: 'POST', path: '/api/auth/login', status: null });
    expect((failure as Error).message).toBe(
      'POST /api/auth/login failed: jiancha: fetch failed (ECONNREFUSED)',
    );
  });
});
