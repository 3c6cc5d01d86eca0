// A REST call to a console the way the tests make it: a JSON body out, the answer's body parsed as
// JSON when it is JSON and kept as text otherwise.

export interface HttpAnswer<Body = unknown> {
  status: number;
  body: Body;
}

export interface RestCallOptions {
  /** A login token, sent as `Authorization: Bearer …`. */
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** `origin`: the console's `http://host:port`; `route`: the path and query. */
export async function restCall<Body = unknown>(
  origin: string,
  method: string,
  route: string,
  options: RestCallOptions = {},
): Promise<HttpAnswer<Body>> {
  const response = await fetch(`${origin}${route}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text
  }
  return { status: response.status, body: body as Body };
}
