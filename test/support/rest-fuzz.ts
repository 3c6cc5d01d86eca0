// Hostile REST requests for every console endpoint. The endpoint table is read from the console's
// own OpenAPI document (`/api/docs/openapi.json`), so an endpoint added later is fuzzed without a
// new row; `ROUTE_CALLERS` says which demo user calls a route (so the request passes the guard and
// reaches validation), and `EXTRA_ROUTES` adds what OpenAPI does not describe. Values are built
// with fast-check: wrong types, huge strings, deep nesting, SQL injection, invalid dates, negative
// and fractional numbers.
import fc from 'fast-check';

export interface RouteRow {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI path, `{name}` for path parameters. */
  path: string;
  pathParams: string[];
  query: string[];
  /** The body's top-level properties and their JSON types, when the route takes a body. */
  body?: { properties: Record<string, string | undefined>; required: string[] };
}

/**
 * Who calls a route (first matching prefix; the supervisor otherwise). Add a row when an endpoint
 * is for another role, e.g. `['/api/evaluation', 'jiancha']`.
 */
export const ROUTE_CALLERS: [prefix: string, username: string][] = [
  ['/api/users', 'admin'],
  ['/api/webhook', 'admin'],
  ['/api/departments', 'admin'],
  ['/api/catalog', 'admin'],
  ['/api/audit', 'shenji'],
  ['/api/inbox', 'officer-scjgj'],
  ['/api/replays', 'shenji'],
];

/** Routes OpenAPI does not list, fuzzed too. */
export const EXTRA_ROUTES: RouteRow[] = [
  { method: 'GET', path: '/health', pathParams: [], query: ['probe'] },
  { method: 'GET', path: '/metrics', pathParams: [], query: ['name[]'] },
];

export function callerOf(path: string): string {
  return ROUTE_CALLERS.find(([prefix]) => path.startsWith(prefix))?.[1] ?? 'jiancha';
}

interface OpenApiSchema {
  type?: string;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  $ref?: string;
}

interface OpenApiOperation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: OpenApiSchema }> };
}

/** One row per documented operation. */
export function routesOf(document: { paths: Record<string, Record<string, OpenApiOperation>> }): RouteRow[] {
  const rows: RouteRow[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const upper = method.toUpperCase();
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(upper)) continue;
      const parameters = operation.parameters ?? [];
      const schema = operation.requestBody?.content?.['application/json']?.schema;
      rows.push({
        method: upper as RouteRow['method'],
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters.filter((p) => p.in === 'query').map((p) => p.name),
        body:
          schema || ['POST', 'PUT', 'PATCH'].includes(upper)
            ? {
                properties: Object.fromEntries(
                  Object.entries(schema?.properties ?? {}).map(([name, property]) => [name, property.type]),
                ),
                required: schema?.required ?? [],
              }
            : undefined,
      });
    }
  }
  return rows;
}

export const SQL_INJECTION = [
  "' OR '1'='1",
  "' OR 1=1 --",
  "'; DROP TABLE signals; --",
  '1; SELECT pg_sleep(5)',
  "scjgj' OR department_id <> 'scjgj",
  "zjj' --",
  '" OR ""="',
  "%' OR 1=1 --",
  "') OR ('a'='a",
  '1 UNION SELECT username, password_hash FROM users --',
  '$1',
  "\\'; COMMIT; --",
  "' AND (SELECT count(*) FROM pg_user) > 0 --",
];

const INVALID_DATES = [
  '2026-13-45T25:61:00+08:00',
  '2026-02-30T10:00:00Z',
  '2026-09-18T14:00:00',
  'yesterday',
  '0000-00-00',
  '+275760-09-13T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '9'.repeat(40),
  'NaN',
  '',
];

const NUMBERS_AS_TEXT = [
  '-1',
  '-0',
  '0.5',
  '1e309',
  '-9007199254740993',
  '1.7976931348623157e309',
  '0x10',
  'Infinity',
];

/** A hostile string, as a query value or a path segment would carry it. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SQL_INJECTION),
  fc.constantFrom(...INVALID_DATES),
  fc.constantFrom(...NUMBERS_AS_TEXT),
  fc.integer({ min: 1_000, max: 12_000 }).map((n) => 'A'.repeat(n)),
  fc.integer({ min: 1, max: 200 }).map((n) => '办'.repeat(n)),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom(
    '../../etc/passwd',
    '%00',
    '%',
    '\u0000',
    '\ud800',
    '<script>alert(1)</script>',
    '{{7*7}}',
    '${7*7}',
  ),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
);

/** Percent-encodes the UTF-8 bytes of any text (`encodeURIComponent` throws on a lone surrogate). */
export function encodeComponent(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8'))
    out += /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
      ? String.fromCharCode(byte)
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}

/** A query string: every parameter hostile, some repeated (arrays) or bracketed (nested objects). */
export function hostileQuery(names: string[]): fc.Arbitrary<string> {
  const keys = names.length > 0 ? names : ['q'];
  return fc
    .tuple(
      fc.array(
        fc.tuple(fc.constantFrom(...keys), hostileText, fc.constantFrom('plain', 'array', 'nested', 'deep')),
        {
          minLength: 1,
          maxLength: keys.length + 2,
        },
      ),
    )
    .map(([pairs]) =>
      pairs
        .flatMap(([key, value, shape]) => {
          const v = encodeComponent(value);
          if (shape === 'array') return [`${key}=${v}`, `${key}=${v}`];
          if (shape === 'nested') return [`${key}[a]=${v}`];
          if (shape === 'deep') return [`${key}${'[x]'.repeat(30)}=${v}`];
          return [`${key}=${v}`];
        })
        .join('&'),
    );
}

/** A value whose JSON type is not `type` (any type when the schema names none). */
function wrongTypeFor(type: string | undefined): fc.Arbitrary<unknown> {
  const candidates: fc.Arbitrary<unknown>[] = [
    hostileText,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
    fc.constant(-1),
    fc.boolean(),
    fc.constant(null),
    fc.array(hostileText, { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), hostileText, { maxKeys: 3 }),
  ];
  const typeOf = (value: unknown) =>
    value === null
      ? 'null'
      : Array.isArray(value)
        ? 'array'
        : typeof value === 'number'
          ? Number.isInteger(value)
            ? 'integer'
            : 'number'
          : typeof value;
  return fc.oneof(...candidates).filter((value) => {
    const actual = typeOf(value);
    if (type === undefined) return true;
    if (type === 'number') return actual !== 'number' && actual !== 'integer';
    return actual !== type;
  });
}

export interface HostileBody {
  /** The raw request body and its content type. */
  text: string;
  contentType: string;
  description: string;
}

/**
 * A body that is invalid by construction: not a JSON object, not JSON at all, nested thousands
 * deep, or an object whose every declared field has the wrong type (a required field missing when
 * none is declared typed), plus hostile extras.
 */
export function hostileBody(body: NonNullable<RouteRow['body']>): fc.Arbitrary<HostileBody> {
  const json = (value: unknown, description: string): HostileBody => ({
    text: JSON.stringify(value),
    contentType: 'application/json',
    description,
  });
  const typed = Object.entries(body.properties).filter(([, type]) => type !== undefined);
  const wrongObject = fc
    .tuple(
      fc.record(Object.fromEntries(typed.map(([name, type]) => [name, wrongTypeFor(type)]))),
      fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), hostileText, { maxKeys: 3 }),
    )
    .map(([fields, extras]) => json({ ...extras, ...fields }, `every field of the wrong type`));
  const variants: fc.Arbitrary<HostileBody>[] = [
    fc
      .oneof(
        fc.array(hostileText, { maxLength: 3 }),
        hostileText,
        fc.integer(),
        fc.constant(null),
        fc.boolean(),
      )
      .map((value) => json(value, 'not a JSON object')),
    fc.constantFrom('{', '{"a":', "{'a':1}", 'undefined', '<xml/>', '{"a":1}}').map((text) => ({
      text,
      contentType: 'application/json',
      description: 'not JSON',
    })),
    fc.integer({ min: 500, max: 5_000 }).map((depth) => ({
      text: `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      contentType: 'application/json',
      description: `nested ${depth} deep`,
    })),
    fc
      .integer({ min: 110_000, max: 300_000 })
      .map((size) => json({ text: 'x'.repeat(size) }, `${size} bytes`)),
  ];
  if (typed.length > 0) variants.push(wrongObject);
  return fc.oneof(...variants);
}
