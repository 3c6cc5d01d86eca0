import { REQUIRED_ENVELOPE_FIELDS, type ApprovalEvent } from '@app/contracts';
import { Random } from './random';

/**
 * Kinds of invalid messages (`docs/events.md` § Validation and dead letters). Each must end in the
 * dead-letter topic with its reason; none may stop the pipeline.
 */
export const MALFORMED_KINDS = [
  /** Not JSON at all: truncated JSON, XML, a log line. */
  'not_json',
  /** JSON, but not an object: an array, a string, a number, null. */
  'not_object',
  /** A required envelope field is absent. */
  'missing_field',
  /** A field of the wrong JSON type: schemaVersion "1", caseId 42, payload []. */
  'wrong_type',
  /** A `type` the contract does not know. */
  'unknown_type',
  /** `schemaVersion` other than 1. */
  'wrong_schema_version',
  /** A string field outside its length bounds: empty eventId, caseId over 64 characters. */
  'field_out_of_bounds',
  /** `occurredAt` without an offset: "2026-03-02T09:15:00". */
  'offset_less_timestamp',
  /** `occurredAt` that is no date-time: "2026-13-45T25:61:00+08:00", "yesterday". */
  'unparsable_timestamp',
  /** A negative amount of money. */
  'negative_money',
  /** A fractional amount of money (fen are integers). */
  'fractional_money',
  /** A payload that breaks its type's table: score 7, days 0, empty missingMaterials, payee "cash". */
  'bad_payload',
  /** More than 64 KiB. */
  'too_large',
  /** Bytes that are not UTF-8. */
  'not_utf8',
] as const;
export type MalformedKind = (typeof MALFORMED_KINDS)[number];

export interface MalformedMessage {
  kind: MalformedKind;
  /** The Kafka key: the base event's caseId, so it lands where that case's events do. */
  key: string;
  /** The raw bytes; never contains a line feed, so it also fits in a JSONL file as one line. */
  value: Buffer;
  /** What is wrong, for logs and test failure messages. */
  description: string;
}

/** A valid event to spoil when the caller has none. */
export function aTemplateEvent(): ApprovalEvent {
  return {
    eventId: 'SP-20260302-TMPL-000001-01',
    schemaVersion: 1,
    type: 'fee.paid',
    caseId: 'SP-20260302-TMPL-000001',
    itemCode: 'XK-ZRZY-004',
    departmentId: 'zrzyj',
    occurredAt: '2026-03-02T10:15:00+08:00',
    reportedAt: '2026-03-02T10:15:20+08:00',
    payload: { feeCode: 'FEE-BDC-01', amount: 8000, receiptNo: 'FS20260302TMPL0000001', payee: 'bank' },
  };
}

type JsonObject = Record<string, unknown>;

function moneyField(event: ApprovalEvent): { path: 'amount' | 'fine'; value: number } | undefined {
  const payload = event.payload as JsonObject;
  if (typeof payload.amount === 'number') return { path: 'amount', value: payload.amount };
  if (typeof payload.fine === 'number') return { path: 'fine', value: payload.fine };
  return undefined;
}

/** A money-carrying copy of the event when it has no money of its own. */
function withMoney(event: ApprovalEvent): ApprovalEvent {
  if (moneyField(event)) return event;
  return {
    ...event,
    eventId: `${event.eventId}-fee`,
    type: 'fee.assessed',
    payload: { feeCode: 'FEE-BDC-01', amount: 8000 },
  };
}

/**
 * Builds invalid messages of every kind from valid events, seeded. The pipeline's integration test
 * mixes them into valid traffic; each message carries its kind so the test can match the dead
 * letters to what was sent.
 */
export class MalformedMessageGenerator {
  private readonly random: Random;
  private counter = 0;

  constructor(seed: number) {
    this.random = new Random(seed).fork('malformed');
  }

  /** A malformed message of a random kind (all kinds equally likely). */
  next(base: ApprovalEvent = aTemplateEvent()): MalformedMessage {
    return this.of(this.random.pick(MALFORMED_KINDS), base);
  }

  /** One message of each kind, in `MALFORMED_KINDS` order. */
  everyKind(base: ApprovalEvent = aTemplateEvent()): MalformedMessage[] {
    return MALFORMED_KINDS.map((kind) => this.of(kind, base));
  }

  of(kind: MalformedKind, base: ApprovalEvent = aTemplateEvent()): MalformedMessage {
    this.counter += 1;
    const random = this.random;
    // a distinct eventId, so a dead letter is never mistaken for the valid event it came from
    const event = { ...base, eventId: `${base.eventId}-bad${this.counter}` } as ApprovalEvent;
    const json = (value: unknown, description: string) =>
      this.message(kind, base.caseId, JSON.stringify(value), description);
    const spoiled = (mutate: (copy: JsonObject) => string) => {
      const copy = structuredClone(event) as unknown as JsonObject;
      const description = mutate(copy);
      return json(copy, description);
    };
    switch (kind) {
      case 'not_json': {
        const text = JSON.stringify(event);
        return random.pick([
          () =>
            this.message(
              kind,
              base.caseId,
              text.slice(0, Math.max(10, Math.floor(text.length / 2))),
              'truncated JSON',
            ),
          () =>
            this.message(
              kind,
              base.caseId,
              `<event><caseId>${base.caseId}</caseId></event>`,
              'XML instead of JSON',
            ),
          () =>
            this.message(
              kind,
              base.caseId,
              `${base.occurredAt} INFO case ${base.caseId} ${base.type}`,
              'a log line',
            ),
          () => this.message(kind, base.caseId, text.replace(/"/g, "'"), 'single-quoted pseudo-JSON'),
        ])();
      }
      case 'not_object':
        return random.pick([
          () => json([event], 'an array holding the event'),
          () => json(base.caseId, 'a JSON string'),
          () => json(42, 'a JSON number'),
          () => json(null, 'JSON null'),
        ])();
      case 'missing_field':
        return spoiled((copy) => {
          const field = random.pick(REQUIRED_ENVELOPE_FIELDS);
          delete copy[field];
          return `no ${field}`;
        });
      case 'wrong_type':
        return spoiled((copy) =>
          random.pick([
            () => ((copy.schemaVersion = '1'), 'schemaVersion is a string'),
            () => ((copy.caseId = 42), 'caseId is a number'),
            () => ((copy.payload = []), 'payload is an array'),
            () => ((copy.occurredAt = Date.parse(base.occurredAt)), 'occurredAt is a number'),
            () => ((copy.actor = 'officer-7'), 'actor is a string'),
          ])(),
        );
      case 'unknown_type':
        return spoiled((copy) => {
          copy.type = random.pick([
            'case.approved',
            'case.closed',
            'fee.refunded',
            'CASE.SUBMITTED',
            'penalty.appealed',
          ]);
          return `type ${String(copy.type)}`;
        });
      case 'wrong_schema_version':
        return spoiled((copy) => {
          copy.schemaVersion = random.pick([0, 2, 99]);
          return `schemaVersion ${String(copy.schemaVersion)}`;
        });
      case 'field_out_of_bounds':
        return spoiled((copy) =>
          random.pick([
            () => ((copy.eventId = ''), 'empty eventId'),
            () => ((copy.caseId = `${base.caseId}-${'X'.repeat(70)}`), 'caseId over 64 characters'),
            () => ((copy.itemCode = ''), 'empty itemCode'),
            () => ((copy.eventId = `E${'9'.repeat(140)}`), 'eventId over 128 characters'),
          ])(),
        );
      case 'offset_less_timestamp':
        return spoiled((copy) => {
          const field = random.chance(0.7) ? 'occurredAt' : 'reportedAt';
          const current = copy[field];
          const value = typeof current === 'string' ? current : base.occurredAt;
          copy[field] = random.chance(0.5) ? value.slice(0, 19) : value.slice(0, 19).replace('T', ' ');
          return `${field} without offset`;
        });
      case 'unparsable_timestamp':
        return spoiled((copy) => {
          copy.occurredAt = random.pick([
            '2026-13-45T25:61:00+08:00',
            'yesterday',
            '2026-02-30T10:00:00+08:00',
            '',
            '02/03/2026 10:15',
          ]);
          return `occurredAt ${JSON.stringify(copy.occurredAt)}`;
        });
      case 'negative_money':
      case 'fractional_money': {
        const money = withMoney(event);
        const field = moneyField(money) as { path: 'amount' | 'fine'; value: number };
        const copy = structuredClone(money) as unknown as { payload: JsonObject };
        copy.payload[field.path] =
          kind === 'negative_money'
            ? -Math.max(1, field.value)
            : field.value + random.pick([0.5, 0.01, 0.25]);
        return json(copy, `${field.path} ${String(copy.payload[field.path])}`);
      }
      case 'bad_payload':
        return json(...this.badPayload(event));
      case 'too_large':
        return spoiled((copy) => {
          copy.payload = { ...(copy.payload as JsonObject), note: '超长备注'.repeat(6000) };
          return 'over 64 KiB';
        });
      case 'not_utf8': {
        const bytes = Buffer.from(JSON.stringify(event), 'utf8');
        // outside any string, so a reader that decodes with replacement characters still fails
        const broken = Buffer.concat([
          bytes.subarray(0, 1),
          Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
          bytes.subarray(1),
        ]);
        return { kind, key: base.caseId, value: broken, description: 'invalid UTF-8 bytes' };
      }
    }
  }

  /** A payload that breaks the table of its type (or of a type swapped in for it). */
  private badPayload(event: ApprovalEvent): [unknown, string] {
    const variants: [string, object, string][] = [
      ['case.evaluated', { score: 7 }, 'score 7'],
      ['case.evaluated', { score: 4.5 }, 'score 4.5'],
      ['case.extended', { days: 0, reason: '延长' }, 'days 0'],
      ['case.supplement_requested', { missingMaterials: [] }, 'no missing materials'],
      ['fee.paid', { feeCode: 'FEE-BDC-01', amount: 8000, receiptNo: 'R1', payee: 'cash' }, 'payee cash'],
      ['case.completed', { result: 'granted' }, 'result granted'],
      ['penalty.proposed', { violationCode: 'CF-SCJG-001-01', tier: 'severe', fine: 5000000 }, 'tier severe'],
      ['case.submitted', { channel: 'fax', materials: ['申请书'] }, 'channel fax'],
      ['step.started', {}, 'no stepCode'],
      ['fee.assessed', { feeCode: 'FEE-BDC-01', quantity: 0, amount: 0 }, 'quantity 0'],
    ];
    const [type, payload, description] = this.random.pick(variants);
    return [{ ...event, type, payload }, `${type}: ${description}`];
  }

  private message(kind: MalformedKind, key: string, text: string, description: string): MalformedMessage {
    return { kind, key, value: Buffer.from(text.replace(/[\r\n]/g, ' '), 'utf8'), description };
  }
}
