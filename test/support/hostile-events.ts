// Hostile business-system messages, generated with fast-check from valid events. Each malformed
// message is invalid *by construction*, per the tables of `docs/events.md` written out here
// again (never by asking the project's own validator): it breaks one rule of the contract, whatever
// else it carries. The edge-valid ones are valid by construction and must be stored.
import fc from 'fast-check';
import type { ApprovalEvent } from '@app/contracts';

/** Malformed per docs/events.md § Validation and dead letters. */
export const CONTRACT_VIOLATIONS = [
  'not_json',
  'not_object',
  'no_value',
  'wrong_type',
  'missing_field',
  'huge_string',
  'too_large',
  'deep_nesting',
  'invalid_utf8',
  'offset_less_timestamp',
  'timestamp_out_of_range',
  'negative_money',
  'fractional_money',
] as const;
/**
 * Text the contract does not name but no store can keep (PostgreSQL's jsonb refuses U+0000 and
 * unpaired surrogates, and nesting beyond its stack): the product dead-letters these too
 * (docs/reliability.md § Decisions).
 */
export const UNSTORABLE = ['nul_character', 'lone_surrogate', 'nesting_beyond_limit'] as const;
export type HostileKind = (typeof CONTRACT_VIOLATIONS)[number] | (typeof UNSTORABLE)[number];

export interface HostileMessage {
  kind: HostileKind;
  key: string | null;
  value: Buffer | null;
  description: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** The envelope of docs/events.md with each field's JSON type and whether it is required. */
const ENVELOPE: [string, 'string' | 'integer' | 'object', 'required' | 'optional'][] = [
  ['eventId', 'string', 'required'],
  ['schemaVersion', 'integer', 'required'],
  ['type', 'string', 'required'],
  ['caseId', 'string', 'required'],
  ['itemCode', 'string', 'required'],
  ['departmentId', 'string', 'required'],
  ['occurredAt', 'string', 'required'],
  ['reportedAt', 'string', 'optional'],
  ['actor', 'object', 'optional'],
  ['payload', 'object', 'required'],
];
const REQUIRED = ENVELOPE.filter(([, , presence]) => presence === 'required').map(([field]) => field);
/** Bounded strings of the envelope and their maximum length. */
const BOUNDED: [string, number][] = [
  ['eventId', 128],
  ['caseId', 64],
  ['itemCode', 64],
  ['departmentId', 64],
];
/** Required payload fields per type (docs/events.md § Types and payloads). */
const REQUIRED_PAYLOAD: Record<string, string[]> = {
  'case.submitted': ['channel', 'materials'],
  'case.supplement_requested': ['missingMaterials'],
  'case.supplemented': ['materials'],
  'step.started': ['stepCode'],
  'step.completed': ['stepCode'],
  'case.suspended': ['procedure'],
  'case.extended': ['days'],
  'case.completed': ['result'],
  'case.delivered': ['method'],
  'case.evaluated': ['score'],
  'fee.assessed': ['feeCode', 'amount'],
  'fee.paid': ['feeCode', 'amount', 'receiptNo', 'payee'],
  'penalty.filed': ['violationCode', 'party'],
  'penalty.proposed': ['violationCode', 'tier', 'fine'],
  'penalty.decided': ['violationCode', 'tier', 'fine'],
  'penalty.paid': ['amount', 'receiptNo', 'payee'],
};
/** Money fields (integer fen) per type. */
const MONEY: Record<string, string> = {
  'fee.assessed': 'amount',
  'fee.paid': 'amount',
  'penalty.proposed': 'fine',
  'penalty.decided': 'fine',
  'penalty.paid': 'amount',
};
const MAX_BYTES = 64 * 1024;

function jsonTypeOf(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The value as it reads back from its JSON text (-0 is 0, 1.0 is 1). */
const roundTrip = (value: Json): Json => JSON.parse(JSON.stringify(value)) as Json;

const copyOf = (event: ApprovalEvent): JsonObject => structuredClone(event) as unknown as JsonObject;

const utf8 = (text: string) => Buffer.from(text, 'utf8');

function nested(depth: number, leaf: Json = 1): Json {
  let value: Json = leaf;
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
}

/** Nested JSON text of a given depth, without building the value (cheap for thousands of levels). */
const nestedText = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

/** An ISO instant without its offset, as a business system in local time might send it. */
const offsetLess = fc
  .tuple(
    fc.date({
      min: new Date('1990-01-01T00:00:00Z'),
      max: new Date('2030-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    fc.constantFrom('T', ' ', 't'),
    fc.boolean(),
  )
  .map(([date, separator, fraction]) => {
    const iso = date.toISOString();
    return `${iso.slice(0, 10)}${separator}${iso.slice(11, fraction ? 23 : 19)}`;
  });

/** Far past and future instants outside RFC 3339 (four-digit years): expanded, signed or 5+ digit years. */
const outOfRange = fc.oneof(
  fc.integer({ min: 10_000, max: 275_760 }).map((year) => `${year}-01-01T00:00:00+08:00`),
  fc
    .integer({ min: 10_000, max: 275_760 })
    .map((year) => `+${String(year).padStart(6, '0')}-09-13T00:00:00Z`),
  fc.integer({ min: 1, max: 271_821 }).map((year) => `-${String(year).padStart(6, '0')}-04-20T00:00:00Z`),
  fc.integer({ min: 1, max: 9999 }).map((year) => `-${String(year).padStart(4, '0')}-01-01T00:00:00Z`),
);

/** A JSON value that is not of the given JSON type (as it reads back from its text). */
function notOfType(type: 'string' | 'integer' | 'object'): fc.Arbitrary<Json> {
  return fc
    .jsonValue({ maxDepth: 3 })
    .map((v) => roundTrip(v as Json))
    .filter((v) => {
      const actual = jsonTypeOf(v);
      if (type === 'integer') return actual !== 'integer';
      return actual !== type;
    });
}

export interface HostileGeneratorOptions {
  /** Valid events to spoil, of every type. */
  templates: ApprovalEvent[];
  seed: number;
}

/** fast-check arbitraries for each hostile kind, from valid template events. */
export function hostileArbitraries(
  templates: ApprovalEvent[],
): Record<HostileKind, fc.Arbitrary<HostileMessage>> {
  const template = fc.constantFrom(...templates);
  const moneyTemplate = fc.constantFrom(...templates.filter((t) => MONEY[t.type] !== undefined));
  const withPayloadFields = fc.constantFrom(
    ...templates.filter((t) => (REQUIRED_PAYLOAD[t.type] ?? []).length > 0),
  );
  const json = (kind: HostileKind, key: string | null, value: Json, description: string): HostileMessage => ({
    kind,
    key,
    value: utf8(JSON.stringify(value)),
    description,
  });
  /** A template with `instant` written into occurredAt or reportedAt. */
  const withInstant = (kind: HostileKind, instant: fc.Arbitrary<string>) =>
    fc.tuple(template, fc.constantFrom('occurredAt', 'reportedAt'), instant).map(([event, field, text]) => {
      const copy = copyOf(event);
      copy[field] = text;
      return json(kind, event.caseId, copy, `${field} ${text}`);
    });
  return {
    not_json: fc.oneof(
      fc.tuple(template, fc.double({ min: 0, max: 1, noNaN: true })).map(([event, at]) => {
        const text = JSON.stringify(event);
        // a proper prefix of an object's text always lacks the closing brace
        const cut = Math.max(1, Math.min(text.length - 1, Math.floor(at * text.length)));
        return {
          kind: 'not_json' as const,
          key: event.caseId,
          value: utf8(text.slice(0, cut)),
          description: `truncated at ${cut}`,
        };
      }),
      fc
        .tuple(template, fc.constantFrom('<', '#', 'INFO ', "{'", 'undefined', 'NaN'))
        .map(([event, start]) => ({
          kind: 'not_json' as const,
          key: event.caseId,
          value: utf8(`${start}${JSON.stringify(event).replace(/"/g, "'")}`),
          description: `starts with ${JSON.stringify(start)}`,
        })),
    ),
    not_object: fc
      .tuple(template, fc.jsonValue({ maxDepth: 3 }))
      .filter(([, value]) => jsonTypeOf(roundTrip(value as Json)) !== 'object')
      .map(([event, value]) =>
        json('not_object', event.caseId, value as Json, `a JSON ${jsonTypeOf(value as Json)}`),
      ),
    no_value: fc.tuple(template, fc.boolean()).map(([event, tombstone]) => ({
      kind: 'no_value' as const,
      key: event.caseId,
      value: tombstone ? null : Buffer.alloc(0),
      description: tombstone ? 'a tombstone (null value)' : 'an empty value',
    })),
    wrong_type: fc.tuple(template, fc.constantFrom(...ENVELOPE)).chain(([event, [field, type]]) =>
      notOfType(type).map((value) => {
        const copy = copyOf(event);
        copy[field] = value;
        return json('wrong_type', event.caseId, copy, `${field} is a ${jsonTypeOf(value)}, not a ${type}`);
      }),
    ),
    missing_field: fc.oneof(
      fc.tuple(template, fc.subarray(REQUIRED, { minLength: 1 })).map(([event, fields]) => {
        const copy = copyOf(event);
        for (const field of fields) delete copy[field];
        return json('missing_field', event.caseId, copy, `no ${fields.join(', ')}`);
      }),
      withPayloadFields.chain((event) =>
        fc.subarray(REQUIRED_PAYLOAD[event.type] ?? [], { minLength: 1 }).map((fields) => {
          const copy = copyOf(event);
          const payload = copy.payload as JsonObject;
          for (const field of fields) delete payload[field];
          return json(
            'missing_field',
            event.caseId,
            copy,
            `${event.type} without payload.${fields.join(', payload.')}`,
          );
        }),
      ),
    ),
    huge_string: fc
      .tuple(
        template,
        fc.constantFrom(...BOUNDED),
        fc.integer({ min: 1, max: 20_000 }),
        fc.constantFrom('X', '办', '𠀀'),
      )
      .map(([event, [field, max], extra, unit]) => {
        const copy = copyOf(event);
        copy[field] = unit.repeat(max + extra);
        return json('huge_string', event.caseId, copy, `${field} of ${max + extra} characters (max ${max})`);
      }),
    too_large: fc.tuple(template, fc.integer({ min: 1, max: 120_000 })).map(([event, over]) => {
      const copy = copyOf(event);
      const base = Buffer.byteLength(JSON.stringify({ ...copy, note: '' }));
      copy.note = 'x'.repeat(MAX_BYTES - base + over);
      return json('too_large', event.caseId, copy, `${MAX_BYTES + over} bytes`);
    }),
    deep_nesting: fc
      .tuple(
        template,
        fc.integer({ min: 2, max: 20_000 }),
        fc.constantFrom('payload', 'caseId', 'occurredAt'),
      )
      .map(([event, depth, field]) => {
        const copy = copyOf(event);
        copy[field] = '__NESTED__';
        const text = JSON.stringify(copy).replace('"__NESTED__"', nestedText(depth));
        return {
          kind: 'deep_nesting' as const,
          key: event.caseId,
          value: utf8(text),
          description: `${field} is an array nested ${depth} deep`,
        };
      }),
    invalid_utf8: fc
      .tuple(
        template,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(
          [0xff],
          [0xfe],
          [0xc3, 0x28],
          [0x80],
          [0xc0, 0xaf],
          [0xed, 0xa0, 0x80],
          [0xf4, 0x90, 0x80, 0x80],
          [0xe2, 0x82],
          [0xf8, 0x88, 0x80, 0x80, 0x80],
        ),
      )
      .map(([event, at, bytes]) => {
        const text = utf8(JSON.stringify(event));
        // between two ASCII bytes, so the sequence stands on its own: it is invalid wherever it lands
        const boundaries: number[] = [];
        for (let i = 1; i < text.length; i += 1)
          if (text[i - 1]! < 0x80 && text[i]! < 0x80) boundaries.push(i);
        const cut = boundaries[Math.floor(at * (boundaries.length - 1))] ?? 1;
        return {
          kind: 'invalid_utf8' as const,
          key: event.caseId,
          value: Buffer.concat([text.subarray(0, cut), Buffer.from(bytes), text.subarray(cut)]),
          description: `bytes ${bytes.map((b) => b.toString(16)).join(' ')} at ${cut}`,
        };
      }),
    offset_less_timestamp: withInstant('offset_less_timestamp', offsetLess),
    timestamp_out_of_range: withInstant('timestamp_out_of_range', outOfRange),
    negative_money: fc
      .tuple(
        moneyTemplate,
        fc.oneof(
          fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: -1 }),
          fc.double({ max: -Number.MIN_VALUE, noNaN: true, noDefaultInfinity: true }),
        ),
      )
      .map(([event, amount]) => {
        const copy = copyOf(event);
        const field = MONEY[event.type] as string;
        (copy.payload as JsonObject)[field] = amount;
        return json('negative_money', event.caseId, copy, `${event.type} ${field} ${amount}`);
      }),
    fractional_money: fc
      .tuple(
        moneyTemplate,
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.constantFrom(0.5, 0.01, 0.25, 0.999, 0.1),
      )
      .map(([event, whole, fraction]) => {
        const copy = copyOf(event);
        const field = MONEY[event.type] as string;
        (copy.payload as JsonObject)[field] = whole + fraction;
        return json('fractional_money', event.caseId, copy, `${event.type} ${field} ${whole + fraction}`);
      }),
    nul_character: fc
      .tuple(
        template,
        fc.constantFrom('caseId', 'eventId', 'itemCode', 'departmentId', 'note'),
        fc.string({ maxLength: 20 }),
      )
      .map(([event, field, around]) => {
        const copy = copyOf(event);
        copy[field] = `${around}\u0000${around}`;
        return json('nul_character', event.caseId, copy, `${field} holds U+0000`);
      }),
    lone_surrogate: fc
      .tuple(
        template,
        fc.constantFrom('\\ud800', '\\udfff', '\\udbff x', '\\udc00\\ud800'),
        fc.constantFrom('note', 'caseId'),
      )
      .map(([event, escape, field]) => {
        const copy = copyOf(event);
        copy[field] = '__LONE__';
        const text = JSON.stringify(copy).replace('"__LONE__"', `"a${escape}b"`);
        return {
          kind: 'lone_surrogate' as const,
          key: event.caseId,
          value: utf8(text),
          description: `${field} holds ${escape}`,
        };
      }),
    nesting_beyond_limit: fc.tuple(template, fc.integer({ min: 40, max: 30_000 })).map(([event, depth]) => {
      const copy = copyOf(event);
      copy.trace = '__NESTED__';
      const text = JSON.stringify(copy).replace('"__NESTED__"', nestedText(depth));
      return {
        kind: 'nesting_beyond_limit' as const,
        key: event.caseId,
        value: utf8(text),
        description: `an extra field nested ${depth} deep`,
      };
    }),
  };
}

/** `count` messages of every hostile kind, reproducibly. */
export function hostileMessages(options: HostileGeneratorOptions & { perKind: number }): HostileMessage[] {
  const arbitraries = hostileArbitraries(options.templates);
  const kinds = [...CONTRACT_VIOLATIONS, ...UNSTORABLE];
  return kinds.flatMap((kind, index) =>
    fc.sample(arbitraries[kind], { numRuns: options.perKind, seed: options.seed + index }),
  );
}

/**
 * Valid events at the edges of the contract, each a case of its own: extra fields (kept, ignored)
 * with prototype-polluting names and nesting within the limit, the earliest and latest instants
 * RFC 3339 can write, long text in unbounded fields, any Unicode. They must be stored once each.
 */
export function edgeValidEvents(
  count: number,
  seed: number,
): { key: string; value: Buffer; event: ApprovalEvent }[] {
  const instant = fc.constantFrom(
    '0001-01-01T00:00:00Z',
    '1900-02-28T23:59:59.999-12:00',
    '1970-01-01T00:00:00+00:00',
    '2026-12-31T23:59:60Z'.replace(':60', ':59'),
    '9999-12-31T23:59:59+14:00',
    '9999-12-31T23:59:59.999999999Z',
  );
  const arbitrary = fc
    .record({
      n: fc.nat(),
      occurredAt: instant,
      reportedAt: fc.option(instant, { nil: undefined }),
      name: fc.string({ unit: 'grapheme', maxLength: 40 }).filter((name) => !name.includes('\u0000')),
      reasonLength: fc.integer({ min: 0, max: 15_000 }),
      extras: fc.dictionary(
        fc
          .string({ minLength: 1, maxLength: 12 })
          .filter((key) => !ENVELOPE.some(([field]) => field === key)),
        fc.jsonValue({ maxDepth: 4 }),
        { maxKeys: 4 },
      ),
      polluting: fc.boolean(),
      nesting: fc.integer({ min: 1, max: 25 }),
    })
    .map((draw) => {
      const caseId = `EDGE-${seed}-${draw.n}`;
      const event = {
        ...(draw.extras as JsonObject),
        eventId: `${caseId}-${draw.reasonLength}`,
        schemaVersion: 1,
        type: 'case.refused',
        caseId,
        itemCode: 'XK-SCJG-003',
        departmentId: 'scjgj',
        occurredAt: draw.occurredAt,
        ...(draw.reportedAt === undefined ? {} : { reportedAt: draw.reportedAt }),
        actor: { id: 'edge', name: draw.name },
        payload: {
          reason: '理'.repeat(draw.reasonLength),
          legalBasis: draw.name,
          deep: nested(draw.nesting),
        },
      } as unknown as ApprovalEvent;
      let text = JSON.stringify(event);
      if (draw.polluting)
        text = `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},${text.slice(1)}`;
      return { key: caseId, value: utf8(text), event };
    });
  const drawn = fc
    .sample(arbitrary, { numRuns: count * 2, seed })
    .filter((draw) => draw.value.byteLength <= MAX_BYTES);
  const unique = new Map(drawn.map((d) => [d.event.eventId, d]));
  return [...unique.values()].slice(0, count);
}
