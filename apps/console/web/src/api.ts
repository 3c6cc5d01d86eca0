// The console's REST API with the login token: every verb, files as multipart, and the answer of a
// refusal kept whole (a catalogue's rejection lists its problems as data). A 401 ends the session
// (expired or revoked token).
import type { WallRole } from '../../../../libs/contracts/src/wall-protocol';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: WallRole;
  departmentId: string | null;
}

export interface Session {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

const STORAGE_KEY = 'jiancha.session';

/** The session of this tab (sessionStorage: a wall screen's login ends with its tab). */
export function storedSession(): Session | null {
  try {
    const session = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Session | null;
    return session && Date.parse(session.expiresAt) > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function storeSession(session: Session | null): void {
  if (session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(STORAGE_KEY);
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The JSON the API answered with. */
    readonly body: unknown = null,
  ) {
    super(message);
  }
}

/** The message of a refusal the API answered with (validation lists its problems). */
export function messageOf(body: unknown, status: number): string {
  const message = (body as { message?: unknown } | null)?.message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : `HTTP ${status}`;
}

export async function login(username: string, password: string): Promise<Session> {
  const response = await fetch('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, messageOf(body, response.status));
  return body as Session;
}

export class Api {
  constructor(
    private readonly session: Session,
    /** Called on a 401 with the API's message, before the call fails. */
    private readonly onUnauthorized: (message: string) => void,
  ) {}

  get<T>(path: string): Promise<T> {
    return this.send<T>('GET', path);
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.send<T>('POST', path, JSON.stringify(body));
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PATCH', path, JSON.stringify(body));
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PUT', path, JSON.stringify(body));
  }

  delete<T>(path: string): Promise<T> {
    return this.send<T>('DELETE', path);
  }

  /** Files and text fields as multipart/form-data. */
  upload<T>(path: string, fields: Record<string, string>, files: readonly File[]): Promise<T> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    for (const file of files) form.append('files', file, file.name);
    return this.send<T>('POST', path, form);
  }

  /** A file the API answers with (an export), saved by the browser under `filename`. */
  async download(path: string, filename: string): Promise<void> {
    const response = await fetch(path, { headers: { authorization: `Bearer ${this.session.token}` } });
    if (!response.ok) {
      const answer: unknown = await response.json().catch(() => null);
      this.refused(response.status, answer);
    }
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  private async send<T>(method: string, path: string, body?: string | FormData): Promise<T> {
    const response = await fetch(path, {
      method,
      headers: {
        authorization: `Bearer ${this.session.token}`,
        ...(typeof body === 'string' ? { 'content-type': 'application/json' } : {}),
      },
      body,
    });
    const answer: unknown = await response.json().catch(() => null);
    if (!response.ok) this.refused(response.status, answer);
    return answer as T;
  }

  private refused(status: number, body: unknown): never {
    const message = messageOf(body, status);
    if (status === 401) this.onUnauthorized(message);
    throw new ApiError(status, message, body);
  }
}
