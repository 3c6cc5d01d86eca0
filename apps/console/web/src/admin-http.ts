// 后台管理's calls to the API with the login token: every verb, files as multipart, and the answer
// of a refusal kept whole (a catalogue's rejection lists its problems as data). A 401 ends the session.
import type { Session } from './api';

export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The JSON the API answered with. */
    readonly body: unknown,
  ) {
    super(message);
  }
}

function messageOf(body: unknown, status: number): string {
  const message = (body as { message?: unknown } | null)?.message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return typeof message === 'string' ? message : `HTTP ${status}`;
}

export class AdminHttp {
  constructor(
    private readonly session: Session,
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

  /** A file the API answers with, saved by the browser under `filename`. */
  async download(path: string, filename: string): Promise<void> {
    const response = await fetch(path, { headers: { authorization: `Bearer ${this.session.token}` } });
    if (!response.ok) {
      const body: unknown = await response.json().catch(() => null);
      this.refused(response.status, body);
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
    throw new AdminApiError(status, message, body);
  }
}
