import {
  AcknowledgeRequest,
  CloseRequest,
  ConsoleClient,
  ConsoleRequestError,
  ConsoleSignal,
  LifecycleOutcome,
  RespondRequest,
  SignalListQuery,
} from './console-client';

/** Where the console is and how the demo users log in. */
export interface HttpConsoleClientOptions {
  /** The console's address, e.g. `http://127.0.0.1:3100`. */
  baseUrl: string;
  /** The demo users' password (DEMO_PASSWORD: the same for every demo user). */
  password: string;
  /** Per request; default 10 s. */
  timeoutMs?: number;
  /**
   * After a refused login (401 wrong password, 429 throttled) the user's login is not tried again
   * for this long (default 15 min, the console's throttle window): the console counts logins per
   * address and per username, and a loop retrying every round would lock the address out, the
   * people logging in at the wall from the same address included.
   */
  loginRetryMs?: number;
  /** Epoch ms; default `Date.now`. */
  clock?: () => number;
}

interface RequestOptions {
  body?: unknown;
  token?: string;
}

/** The console's message from an error answer (Nest: `{ statusCode, message, error }`). */
function messageOf(text: string, fallback: string): string {
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
    if (Array.isArray(parsed.message)) return parsed.message.map(String).join('; ');
  } catch {
    // not JSON: the text itself
  }
  return text.trim().slice(0, 300) || fallback;
}

/** Why no answer came: the timeout, or the network error (`ECONNREFUSED` …) under `fetch failed`. */
function failureOf(error: unknown): string {
  // not `instanceof Error`: fetch's errors may come from another realm (undici's, Jest's sandbox)
  const { name, message, cause } = (error ?? {}) as {
    name?: unknown;
    message?: unknown;
    cause?: { code?: unknown; message?: unknown };
  };
  if (name === 'TimeoutError') return 'no answer in time';
  if (typeof message !== 'string') return String(error);
  const detail = typeof cause?.code === 'string' ? cause.code : cause?.message;
  return typeof detail === 'string' ? `${message} (${detail})` : message;
}

/**
 * Adapter of `ConsoleClient` on Node's global `fetch`. Each demo user gets one login token, taken
 * on their first request and taken again when the console answers 401 (expired, or the console's
 * signing key changed after a restart).
 */
export class HttpConsoleClient extends ConsoleClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly loginRetryMs: number;
  private readonly clock: () => number;
  /** A login in progress or done, per username. */
  private readonly tokens = new Map<string, Promise<string>>();
  /** The last refused login of a user, and until when it is not tried again. */
  private readonly refusedLogins = new Map<string, { until: number; error: ConsoleRequestError }>();

  constructor(private readonly options: HttpConsoleClientOptions) {
    super();
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.loginRetryMs = options.loginRetryMs ?? 900_000;
    this.clock = options.clock ?? Date.now;
  }

  async logIn(username: string): Promise<void> {
    this.tokens.delete(username);
    await this.tokenOf(username);
  }

  listSignals(username: string, query: SignalListQuery): Promise<ConsoleSignal[]> {
    const params = new URLSearchParams({ status: query.status.join(','), limit: String(query.limit) });
    if (query.departmentId !== undefined) params.set('departmentId', query.departmentId);
    if (query.level !== undefined) params.set('level', query.level);
    if (query.raisedBefore !== undefined)
      params.set('raisedBefore', new Date(query.raisedBefore).toISOString());
    return this.authorized<ConsoleSignal[]>(username, 'GET', `/api/signals?${params.toString()}`);
  }

  acknowledge(username: string, alertKey: string, request: AcknowledgeRequest): Promise<LifecycleOutcome> {
    return this.lifecycleStep(username, alertKey, 'acknowledge', request);
  }

  respond(username: string, alertKey: string, request: RespondRequest): Promise<LifecycleOutcome> {
    return this.lifecycleStep(username, alertKey, 'respond', request);
  }

  close(username: string, alertKey: string, request: CloseRequest): Promise<LifecycleOutcome> {
    return this.lifecycleStep(username, alertKey, 'close', request);
  }

  private async lifecycleStep(
    username: string,
    alertKey: string,
    action: 'acknowledge' | 'respond' | 'close',
    body: object,
  ): Promise<LifecycleOutcome> {
    const path = `/api/signals/${encodeURIComponent(alertKey)}/${action}`;
    try {
      return { outcome: 'done', signal: await this.authorized<ConsoleSignal>(username, 'POST', path, body) };
    } catch (error) {
      if (error instanceof ConsoleRequestError && error.status === 409)
        return { outcome: 'conflict', reason: error.reason };
      throw error;
    }
  }

  private tokenOf(username: string): Promise<string> {
    const known = this.tokens.get(username);
    if (known) return known;
    const refused = this.refusedLogins.get(username);
    if (refused && this.clock() < refused.until) return Promise.reject(refused.error);
    const login = this.request<{ token: string }>('POST', '/api/auth/login', {
      body: { username, password: this.options.password },
    }).then(
      (answer) => {
        this.refusedLogins.delete(username);
        return answer.token;
      },
      (error: unknown) => {
        if (this.tokens.get(username) === login) this.tokens.delete(username);
        if (!(error instanceof ConsoleRequestError)) throw error;
        const named = new ConsoleRequestError(
          error.method,
          error.path,
          error.status,
          `${username}: ${error.reason}`,
        );
        if (error.status === 401 || error.status === 429)
          this.refusedLogins.set(username, { until: this.clock() + this.loginRetryMs, error: named });
        throw named;
      },
    );
    this.tokens.set(username, login);
    return login;
  }

  private async authorized<T>(username: string, method: string, path: string, body?: unknown): Promise<T> {
    const login = this.tokenOf(username);
    const token = await login;
    try {
      return await this.request<T>(method, path, { body, token });
    } catch (error) {
      if (!(error instanceof ConsoleRequestError) || error.status !== 401) throw error;
      // the token expired or the console's key changed: log in once more
      if (this.tokens.get(username) === login) this.tokens.delete(username);
      return this.request<T>(method, path, { body, token: await this.tokenOf(username) });
    }
  }

  private async request<T>(method: string, path: string, options: RequestOptions): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    let status: number | null = null;
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      const text = await response.text();
      if (!response.ok)
        throw new ConsoleRequestError(method, path, status, messageOf(text, response.statusText));
      return JSON.parse(text) as T;
    } catch (error) {
      if (error instanceof ConsoleRequestError) throw error;
      throw new ConsoleRequestError(method, path, status, failureOf(error));
    }
  }
}
