/**
 * The fast path against the oracle (`testing/`: ajv and the regular expression, as of commit
 * 736b436): for every input, the same decision, the same reason and the same parsed event.
 * Valid events of every type, then the same events broken in every way a producer (or an attacker)
 * might: fields dropped or of the wrong type, bad instants, text no store can keep, deep nesting,
 * numbers JSON.stringify cannot write, raw text that is not JSON or not UTF-8.
 */
import fc from 'fast-check';
import {
  EVENT_TYPES,
  REQUIRED_ENVELOPE_FIELDS,
  SUSPENSION_PROCEDURES,
  TIERS,
  type EventType,
} from '../events';
import { MAX_EVENT_BYTES, parseEvent, textProblem, validateEvent } from './parse-event';
import { isObject } from './event-checks';
import { isInstantWithOffset, parseInstant } from './rfc3339';
import * as reference from './testing/reference-parse-event';
import * as referenceInstant from './testing/reference-rfc3339';

/** Runs per property: the spec stays under ~10 s on two cores; raise `numRuns` to hunt. */
const RUNS = { numRuns: 2000 };
const MANY_RUNS = { numRuns: 5000 };

type Json = Record<string, unknown>;

// --- text ---

/** One code point: ASCII (some escaped in JSON), CJK, astral (two UTF-16 units), controls. */
const codePoint = fc.constantFrom(
  ...'aZ09-_. /~aZ09-_. /~',
  ...'监察效能办申请书营业执照张三李四',
  ...['😀', '𠀀', '\u{10ffff}', 'é', '\u00ff', '\u0001', '\t', '"', '\\', '\u2028'],
);
const storableText = (minLength = 0, maxLength = 12) => fc.string({ unit: codePoint, minLength, maxLength });
/** Text with what `unstorableText` refuses (U+0000, lone or reversed surrogates) and what it keeps. */
const hostileText = fc.string({
  unit: fc.oneof(
    codePoint,
    fc.constantFrom(
      '\u0000',
      '\ud800',
      '\udbff',
      '\udc00',
      '\udfff',
      '\ud83d\ude00',
      '\\u0000',
      '\\ud800',
      '\\',
    ),
  ),
  maxLength: 8,
});
/** Texts of `limit` ± 2 code points, at the edges of the envelope's length limits: a pattern repeated. */
const textNear = (limit: number, units = ['e', '监', '😀', '\ud800', '\udc00']) =>
  fc
    .tuple(
      fc.integer({ min: limit - 2, max: limit + 2 }),
      fc.array(fc.constantFrom(...units), { minLength: 1, maxLength: 4 }),
    )
    .map(([length, pattern]) =>
      Array.from({ length }, (_, index) => pattern[index % pattern.length]).join(''),
    );

// --- instants ---

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** A well-formed instant; the day may not exist in its month. */
const wellFormedInstant = fc
  .record({
    year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(1900, 2000, 2024, 2025, 2100, 2400)),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    separator: fc.constantFrom('T', 't'),
    fraction: fc.option(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 12 }), {
      nil: undefined,
    }),
    offset: fc.oneof(
      fc.constantFrom('Z', 'z', '+08:00', '-00:00', '+00:00', '+23:59', '-23:59', '+14:00', '-05:30'),
      fc
        .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
        .map(([sign, hours, minutes]) => `${sign}${pad(hours, 2)}:${pad(minutes, 2)}`),
    ),
  })
  .map(
    (at) =>
      `${pad(at.year, 4)}-${pad(at.month, 2)}-${pad(at.day, 2)}${at.separator}${pad(at.hour, 2)}:` +
      `${pad(at.minute, 2)}:${pad(at.second, 2)}${at.fraction === undefined ? '' : `.${at.fraction}`}${at.offset}`,
  );

/** Fields out of range, of the wrong width or with other characters, the offset or seconds missing. */
const malformedInstant = fc
  .record({
    year: fc.constantFrom('2026', '0000', '9999', '999', '20260', '２０２６', '-2026', '+2026'),
    month: fc.constantFrom('01', '02', '09', '12', '00', '13', '1', '٠٩', '99'),
    day: fc.constantFrom('01', '28', '29', '30', '31', '00', '32', '1', '3 '),
    separator: fc.constantFrom('T', 't', ' ', '_', 'TT', ''),
    hour: fc.constantFrom('00', '14', '23', '24', '99', '7', '-1'),
    minute: fc.constantFrom('00', '59', '60', '5'),
    second: fc.constantFrom(':00', ':59', ':60', ':61', '', ':5', ':00:00'),
    fraction: fc.constantFrom('', '.5', '.123', '.1234567', '.', '..5', '.5.', '.x', ',5', '.٥'),
    offset: fc.constantFrom(
      'Z',
      'z',
      '+08:00',
      '-00:00',
      '+24:00',
      '+23:60',
      '+0800',
      '+08',
      '+8:00',
      '08:00',
      '',
      'UTC',
      'ZZ',
      'Z ',
      '+08:00\n',
      '−08:00',
    ),
    prefix: fc.constantFrom('', '', '', ' ', '\n', 'x'),
  })
  .map(
    (at) =>
      `${at.prefix}${at.year}-${at.month}-${at.day}${at.separator}${at.hour}:${at.minute}${at.second}${at.fraction}${at.offset}`,
  );

/** Character-level edits of a well-formed instant. */
const editedInstant = fc
  .tuple(
    wellFormedInstant,
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.nat(2),
        fc.constantFrom(...'0123456789-:.TtZz+ \u0000٠０'.split(''), '\ud800', '😀'),
      ),
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([text, edits]) =>
    edits.reduce((edited, [at, kind, character]) => {
      const index = at % (edited.length + 1);
      if (kind === 0) return edited.slice(0, index) + character + edited.slice(index);
      if (kind === 1) return edited.slice(0, index) + edited.slice(index + 1);
      return edited.slice(0, index) + character + edited.slice(index + 1);
    }, text),
  );

const anyInstant = fc.oneof(wellFormedInstant, malformedInstant, editedInstant, fc.string({ maxLength: 40 }));

// --- events ---

const fen = fc.oneof(fc.constantFrom(0, 1, Number.MAX_SAFE_INTEGER), fc.maxSafeNat());
const party = fc.record(
  { kind: fc.constantFrom('person', 'organization'), name: storableText() },
  { requiredKeys: ['kind'] },
);
const materials = (minLength = 0) => fc.array(storableText(), { minLength, maxLength: 4 });

const PAYLOADS: Readonly<Record<EventType, fc.Arbitrary<Json>>> = {
  'case.submitted': fc.record(
    { channel: fc.constantFrom('online', 'window', 'mail'), materials: materials(), applicant: party },
    { requiredKeys: ['channel', 'materials'] },
  ),
  'case.supplement_requested': fc.record({ missingMaterials: materials(1) }),
  'case.supplemented': fc.record({ materials: materials() }),
  'case.accepted': fc.constant({}),
  'case.refused': fc.record({ reason: storableText(), legalBasis: storableText() }, { requiredKeys: [] }),
  'step.started': fc.record({ stepCode: storableText() }),
  'step.completed': fc.record(
    { stepCode: storableText(), outcome: fc.constantFrom('pass', 'return') },
    { requiredKeys: ['stepCode'] },
  ),
  'case.suspended': fc.record(
    { procedure: fc.constantFrom(...SUSPENSION_PROCEDURES), note: storableText() },
    { requiredKeys: ['procedure'] },
  ),
  'case.resumed': fc.constant({}),
  'case.extended': fc.record(
    { days: fc.integer({ min: 1, max: 1000 }), reason: storableText() },
    { requiredKeys: ['days'] },
  ),
  'case.completed': fc.record(
    {
      result: fc.constantFrom('approved', 'denied', 'withdrawn'),
      reason: storableText(),
      legalBasis: storableText(),
    },
    { requiredKeys: ['result'] },
  ),
  'case.delivered': fc.record({ method: fc.constantFrom('window', 'mail', 'electronic') }),
  'case.evaluated': fc.record(
    { score: fc.integer({ min: 1, max: 5 }), comment: storableText() },
    { requiredKeys: ['score'] },
  ),
  'fee.assessed': fc.record(
    {
      feeCode: storableText(),
      quantity: fc.oneof(
        fc.double({ min: Number.MIN_VALUE, max: 1e6, noNaN: true }),
        fc.constantFrom(1, 2, 0.5),
      ),
      amount: fen,
    },
    { requiredKeys: ['feeCode', 'amount'] },
  ),
  'fee.paid': fc.record({
    feeCode: storableText(),
    amount: fen.filter((amount) => amount > 0),
    receiptNo: storableText(),
    payee: fc.constantFrom('treasury', 'bank', 'department'),
  }),
  'penalty.filed': fc.record({ violationCode: storableText(), party }),
  'penalty.proposed': fc.record({
    violationCode: storableText(),
    tier: fc.constantFrom(...TIERS),
    fine: fen,
  }),
  'penalty.hearing_notified': fc.constant({}),
  'penalty.decided': fc.record(
    { violationCode: storableText(), tier: fc.constantFrom(...TIERS), fine: fen, reason: storableText() },
    { requiredKeys: ['violationCode', 'tier', 'fine'] },
  ),
  'penalty.paid': fc.record({
    amount: fen.filter((amount) => amount > 0),
    receiptNo: storableText(),
    payee: fc.constantFrom('treasury', 'bank', 'department'),
  }),
};

/** Field names that are not the contract's, some of them awkward. */
const extraKey = fc.oneof(
  fc.constantFrom(
    'traceId',
    'remark',
    '',
    '0',
    '12',
    'a.b',
    'a/b',
    '~0',
    '__proto__',
    'constructor',
    'toString',
  ),
  storableText(1, 6).filter((key) => !CONTRACT_PATHS.some((path) => path[path.length - 1] === key)),
);
const extras = fc.dictionary(extraKey, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 });
const withExtras = (value: fc.Arbitrary<Json>) =>
  fc.tuple(value, fc.option(extras, { freq: 3 })).map(([object, extra]) => ({ ...(extra ?? {}), ...object }));

const validEvent: fc.Arbitrary<Json> = fc.constantFrom(...EVENT_TYPES).chain((type) =>
  withExtras(
    fc.record(
      {
        eventId: fc.oneof(
          storableText(1, 12),
          textNear(128, ['e', '监', '😀']).filter((text) => [...text].length <= 128),
        ),
        schemaVersion: fc.constant(1),
        type: fc.constant(type),
        caseId: storableText(1, 64),
        itemCode: storableText(1, 12),
        departmentId: storableText(1, 12),
        occurredAt: wellFormedInstant.filter(isValidInstant),
        reportedAt: wellFormedInstant.filter(isValidInstant),
        actor: withExtras(fc.record({ id: storableText(), name: storableText() }, { requiredKeys: ['id'] })),
        payload: withExtras(PAYLOADS[type]),
      },
      { requiredKeys: [...REQUIRED_ENVELOPE_FIELDS] },
    ),
  ),
);

function isValidInstant(text: string): boolean {
  return !Number.isNaN(referenceInstant.parseInstant(text));
}

// --- mutations ---

/** Written into the JSON text as is, for numbers JSON.stringify cannot write (`"@raw:1e400@"` → `1e400`). */
const raw = (token: string) => `@raw:${token}@`;
const unraw = (json: string) => json.replace(/"@raw:([^@"]*)@"/g, '$1');

const deep = (depth: number, leaf: unknown = 1): unknown =>
  depth <= 0 ? leaf : depth % 2 === 0 ? [deep(depth - 1, leaf)] : { a: deep(depth - 1, leaf) };

/** Values a broken producer might send in any field. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    false,
    0,
    -1,
    1,
    5,
    6,
    1.5,
    -0.5,
    2 ** 53,
    Number.MAX_SAFE_INTEGER,
    '',
    '1',
    'x',
    [],
    {},
    [1],
    ['a', 2],
    { kind: 'person' },
    { kind: 'robot' },
    { id: 7 },
    'online',
    'treasury',
    'pass',
    'exempt',
    'hearing',
    'case.accepted',
    'Case.Accepted',
    raw('1e400'),
    raw('-1e400'),
    raw('1e-400'),
    raw('-0'),
    raw('1.0'),
    raw('5e0'),
    raw('0.1e1'),
    raw('9007199254740993'),
    raw('123456789012345678901234567890'),
  ),
  fc.integer(),
  fc.double(),
  anyInstant,
  hostileText,
  textNear(64),
  textNear(128),
  fc.integer({ min: 29, max: 35 }).map((depth) => deep(depth)),
  fc.integer({ min: 29, max: 35 }).map((depth) => deep(depth, '\u0000')),
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(hostileText, { maxLength: 4 }),
  fc.dictionary(hostileText, fc.oneof(hostileText, fc.array(hostileText, { maxLength: 3 })), { maxKeys: 3 }),
);

const INSTANT_PATHS = [['occurredAt'], ['reportedAt']];

/** Every field the contract names, wherever it may be. */
const CONTRACT_PATHS: readonly (readonly (string | number)[])[] = [
  ...[...REQUIRED_ENVELOPE_FIELDS, 'reportedAt', 'actor'].map((name) => [name]),
  ['actor', 'id'],
  ['actor', 'name'],
  ...[
    'channel',
    'materials',
    'applicant',
    'missingMaterials',
    'reason',
    'legalBasis',
    'stepCode',
    'outcome',
    'procedure',
    'note',
    'days',
    'result',
    'method',
    'score',
    'comment',
    'feeCode',
    'quantity',
    'amount',
    'receiptNo',
    'payee',
    'violationCode',
    'party',
    'tier',
    'fine',
  ].map((name) => ['payload', name]),
  ['payload', 'materials', 0],
  ['payload', 'materials', 1],
  ['payload', 'missingMaterials', 0],
  ['payload', 'applicant', 'kind'],
  ['payload', 'applicant', 'name'],
  ['payload', 'party', 'kind'],
  ['payload', 'party', 'name'],
];

/** Numbers for the contract's numeric fields: out of range, fractional, unsafe, infinite. */
const wrongNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    0,
    -0,
    1,
    5,
    6,
    -1,
    0.5,
    1.5,
    2 ** 53,
    -(2 ** 53),
    Number.MAX_SAFE_INTEGER,
    '1',
    null,
  ),
  fc.constantFrom(...['1e400', '-1e400', '1e-400', '-0', '1.0', '5e0', '0.1e1', '9007199254740993'].map(raw)),
  fc.integer({ min: -10, max: 10 }),
  fc.double(),
);

/** Every enumeration's values and near misses, for any field. */
const enumValue = fc.constantFrom(
  ...EVENT_TYPES,
  ...SUSPENSION_PROCEDURES,
  ...TIERS,
  ...[
    'online',
    'window',
    'mail',
    'person',
    'organization',
    'treasury',
    'bank',
    'department',
    'pass',
    'return',
  ],
  ...['approved', 'denied', 'withdrawn', 'electronic', 'Online', 'pass ', 'Bank', 'organisation', ''],
);

/**
 * One change to an event. `path` picks, unbiased, among the paths that fit: `set` and `drop` any
 * field the event has or the contract names, `swap` a text (enumerations' values among them),
 * `renumber` a number, `instant` occurredAt or reportedAt, `extra` an object or array to add `key` to, `scramble` an object or array
 * whose fields each take the next of `values` (if not undefined), for several failures at once.
 */
type Mutation =
  | { kind: 'set' | 'drop' | 'swap' | 'renumber' | 'instant'; path: number; value: unknown }
  | { kind: 'extra'; path: number; key: string; value: unknown }
  | { kind: 'scramble'; path: number; values: unknown[] }
  | { kind: 'retype'; type: string };

const anyPath = fc.noBias(fc.nat());

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constantFrom('set' as const, 'drop' as const),
      path: anyPath,
      value: wrongValue,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('swap' as const), path: anyPath, value: enumValue }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('renumber' as const), path: anyPath, value: wrongNumber }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('instant' as const), path: anyPath, value: anyInstant }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('extra' as const),
      path: anyPath,
      key: fc.oneof(extraKey, hostileText),
      value: wrongValue,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('scramble' as const),
      path: anyPath,
      values: fc.array(fc.option(fc.oneof(wrongValue, enumValue, wrongNumber), { nil: undefined }), {
        minLength: 1,
        maxLength: 6,
      }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('retype' as const),
      type: fc.constantFrom(...EVENT_TYPES, 'case.teleported'),
    }),
  },
);

/** The paths of everything in a value, the value's own (`[]`) first. */
function paths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [path];
  // indices by hand: a mutation may have given the array a `constructor`, which `map` would call
  const keys: (string | number)[] = Array.isArray(value)
    ? [...Array(value.length).keys()]
    : Object.keys(value);
  return [
    path,
    ...keys.flatMap((key) => paths((value as Record<string | number, unknown>)[key], [...path, key])),
  ];
}

const isContainer = (value: unknown) => typeof value === 'object' && value !== null;

function mutate(event: Json, mutations: readonly Mutation[]): Json {
  const copy = structuredClone(event);
  const put = (path: readonly (string | number)[], value: unknown) => {
    const parent = at(copy, path.slice(0, -1));
    if (!isContainer(parent) || path.length === 0) return;
    const key = path[path.length - 1] as string | number;
    // not `parent[key] = value`, which would set the prototype of a `__proto__` field
    Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
  };
  for (const change of mutations) {
    if (change.kind === 'retype') {
      copy.type = change.type;
      continue;
    }
    const own = paths(copy);
    const pick = (candidates: readonly (readonly (string | number)[])[]) =>
      candidates[change.path % candidates.length] ?? [];
    const ofKind = (keep: (value: unknown) => boolean) => own.filter((path) => keep(at(copy, path)));
    switch (change.kind) {
      case 'set':
        put(pick([...own.slice(1), ...CONTRACT_PATHS]), change.value);
        break;
      case 'instant':
        put(pick(INSTANT_PATHS), change.value);
        break;
      case 'drop': {
        const path = pick(own.slice(1));
        const parent = at(copy, path.slice(0, -1));
        if (isContainer(parent))
          delete (parent as Record<string | number, unknown>)[path[path.length - 1] as string];
        break;
      }
      case 'swap':
        put(pick(ofKind((value) => typeof value === 'string')), change.value);
        break;
      case 'renumber':
        put(pick(ofKind((value) => typeof value === 'number')), change.value);
        break;
      case 'extra':
        put([...pick(ofKind(isContainer)), change.key], change.value);
        break;
      case 'scramble': {
        const container = pick(ofKind(isContainer));
        const target = at(copy, container) as Record<string | number, unknown>;
        const keys = Array.isArray(target) ? [...Array(target.length).keys()] : Object.keys(target);
        keys.forEach((key, index) => {
          const value = change.values[index % change.values.length];
          if (value !== undefined) put([...container, key], value);
        });
        break;
      }
    }
  }
  return copy;
}

function at(value: unknown, path: readonly (string | number)[]): unknown {
  let found = value;
  for (const key of path)
    found =
      typeof found === 'object' && found !== null
        ? (found as Record<string | number, unknown>)[key]
        : undefined;
  return found;
}

const brokenEvent = fc
  .tuple(validEvent, fc.array(mutation, { minLength: 1, maxLength: 3 }))
  .map(([event, mutations]) => mutate(event, mutations));

/** The same JSON as a string, UTF-8 bytes or a bare Uint8Array; in a string, escaped surrogates raw. */
const asMessage = (json: fc.Arbitrary<string>) =>
  fc.tuple(json, fc.constantFrom('string', 'raw surrogates', 'Buffer', 'Uint8Array')).map(([text, form]) => {
    if (form === 'string') return text;
    if (form === 'raw surrogates')
      return text.replace(/\\u(d[89a-f][0-9a-f]{2})/gi, (_, hex: string) =>
        String.fromCharCode(parseInt(hex, 16)),
      );
    return form === 'Buffer' ? Buffer.from(text) : new Uint8Array(Buffer.from(text));
  });

function expectSameAsReference(message: string | Uint8Array): void {
  expect(parseEvent(message)).toEqual(reference.parseEvent(message));
}

describe('parseEvent against the oracle', () => {
  it('accepts every valid event of every type, as the oracle does, and returns it', () => {
    fc.assert(
      fc.property(asMessage(validEvent.map((event) => JSON.stringify(event))), (message) => {
        const expected = reference.parseEvent(message);

        expect(expected).toMatchObject({ ok: true });
        expect(parseEvent(message)).toEqual(expected);
      }),
      RUNS,
    );
  });

  it('gives the same decision and reason for events broken in one to three places', () => {
    fc.assert(
      fc.property(asMessage(brokenEvent.map((event) => unraw(JSON.stringify(event)))), expectSameAsReference),
      RUNS,
    );
  });

  it('gives the same reason for text that is not JSON, not an object, truncated or not UTF-8', () => {
    const truncated = fc
      .tuple(validEvent, fc.nat())
      .map(([event, cut]) => JSON.stringify(event).slice(0, cut % JSON.stringify(event).length));
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc
        .tuple(validEvent, fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 3 }))
        .map(([event, at, inserted]) => {
          const encoded = Buffer.from(JSON.stringify(event));
          const index = at % encoded.length;
          return Buffer.concat([encoded.subarray(0, index), inserted, encoded.subarray(index)]);
        }),
    );
    const message = fc.oneof(
      asMessage(
        fc.oneof(
          fc.string(),
          truncated,
          fc.jsonValue().map((value) => JSON.stringify(value) ?? ''),
        ),
      ),
      asMessage(
        fc.constantFrom('', ' ', '{}', '[]', 'null', '1', '"x"', '{"a":1}}', '\ufeff{}', '{"a":"\u0000"}'),
      ),
      bytes,
    );

    fc.assert(fc.property(message, expectSameAsReference), RUNS);
  });

  it("counts characters as the oracle does at the envelope's length limits", () => {
    const sized = fc.oneof(
      ...(
        [
          ['eventId', 128],
          ['caseId', 64],
          ['itemCode', 64],
          ['departmentId', 64],
        ] as const
      ).map(([field, limit]) =>
        fc.tuple(validEvent, textNear(limit)).map(([event, text]) => ({ ...event, [field]: text })),
      ),
    );

    fc.assert(fc.property(asMessage(sized.map((event) => JSON.stringify(event))), expectSameAsReference), {
      numRuns: 1000,
    });
  });

  it('draws the 64 KiB line at the same byte, in strings and in bytes', () => {
    const nearLimit = fc
      .tuple(validEvent, fc.integer({ min: -4, max: 4 }), fc.constantFrom('x', '监', '😀', '\ud800'))
      .map(([event, delta, unit]) => {
        const base = Buffer.byteLength(JSON.stringify({ ...event, padding: '' }));
        const bytesPerUnit = Buffer.byteLength(JSON.stringify(unit)) - 2;
        const count = Math.max(0, Math.floor((MAX_EVENT_BYTES - base + delta) / bytesPerUnit));
        return JSON.stringify({ ...event, padding: unit.repeat(count) });
      });

    fc.assert(fc.property(asMessage(nearLimit), expectSameAsReference), { numRuns: 200 });
  });
});

describe('validateEvent against the oracle', () => {
  it('gives the same result for any value, parsed or not', () => {
    const value = fc.oneof(
      fc.anything({
        withUnicodeString: true,
        withNullPrototype: true,
        withBoxedValues: true,
        withSparseArray: true,
        withTypedArray: true,
        withMap: true,
        withSet: true,
      }),
      brokenEvent,
      validEvent.chain((event) =>
        fc
          .anything({ maxDepth: 4, withSparseArray: true, withUnicodeString: true })
          .map((extra) => ({ ...event, extra })),
      ),
    );

    fc.assert(
      fc.property(value, (input) => {
        expect(validateEvent(input)).toEqual(reference.validateEvent(input));
      }),
      RUNS,
    );
  });

  it('ignores inherited fields, as the oracle does', () => {
    const inherited = { '\u0000': 'x', note: '\ud800', trace: deep(40) };
    const value = fc.tuple(validEvent, fc.constantFrom('event', 'payload', 'actor')).map(([event, where]) => {
      const copy = structuredClone(event);
      if (where === 'event') return Object.assign(Object.create(inherited) as Json, copy);
      if (isObject(copy[where])) copy[where] = Object.assign(Object.create(inherited) as Json, copy[where]);
      return copy;
    });

    fc.assert(
      fc.property(value, (input) => {
        expect(validateEvent(input)).toEqual(reference.validateEvent(input));
      }),
      { numRuns: 200 },
    );
  });
});

describe('textProblem against the oracle', () => {
  it('finds the same problem in any text', () => {
    const text = fc.oneof(
      hostileText,
      fc.string({
        unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
        maxLength: 6,
      }),
    );

    fc.assert(
      fc.property(text, (input) => {
        expect(textProblem(input)).toBe(reference.textProblem(input));
      }),
      MANY_RUNS,
    );
  });
});

describe('parseInstant against the oracle', () => {
  it('reads the same instant, or NaN, from any text', () => {
    fc.assert(
      fc.property(anyInstant, (text) => {
        expect(parseInstant(text)).toBe(referenceInstant.parseInstant(text));
        expect(isInstantWithOffset(text)).toBe(referenceInstant.isInstantWithOffset(text));
      }),
      MANY_RUNS,
    );
  });
});
