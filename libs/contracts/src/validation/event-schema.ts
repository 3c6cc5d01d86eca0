import {
  EVENT_TYPES,
  REQUIRED_ENVELOPE_FIELDS,
  SUSPENSION_PROCEDURES,
  TIERS,
  type EventType,
} from '../events';

/**
 * The event contract of `docs/events.md` (schemaVersion 1) as a JSON Schema (draft-07). The envelope is
 * checked first; each `type` adds its payload schema through `if`/`then`. Unknown extra fields
 * are allowed everywhere and kept.
 */

/** Name of the custom string format: RFC 3339 date-time with a mandatory offset. */
export const INSTANT_FORMAT = 'rfc3339-with-offset';
/** Largest money amount: integers above this lose precision in JavaScript and JSON parsers. */
const MAX_FEN = Number.MAX_SAFE_INTEGER;

type Schema = Record<string, unknown>;

const text = (min: number, max: number): Schema => ({ type: 'string', minLength: min, maxLength: max });
const string: Schema = { type: 'string' };
const strings: Schema = { type: 'array', items: string };
const oneOf = (values: readonly string[]): Schema => ({ type: 'string', enum: [...values] });
const fenAtLeastZero: Schema = { type: 'integer', minimum: 0, maximum: MAX_FEN };
const fenAboveZero: Schema = { type: 'integer', exclusiveMinimum: 0, maximum: MAX_FEN };
const partyKind = oneOf(['person', 'organization']);
const payee = oneOf(['treasury', 'bank', 'department']);

const payload = (properties: Schema, required: string[] = []): Schema => ({
  type: 'object',
  properties,
  required,
});

/** The payload schema of each event type (`docs/events.md` § Types and payloads). */
export const PAYLOAD_SCHEMAS: Readonly<Record<EventType, Schema>> = {
  'case.submitted': payload(
    {
      channel: oneOf(['online', 'window', 'mail']),
      materials: strings,
      applicant: { type: 'object', properties: { kind: partyKind, name: string }, required: ['kind'] },
    },
    ['channel', 'materials'],
  ),
  'case.supplement_requested': payload({ missingMaterials: { type: 'array', items: string, minItems: 1 } }, [
    'missingMaterials',
  ]),
  'case.supplemented': payload({ materials: strings }, ['materials']),
  'case.accepted': payload({}),
  'case.refused': payload({ reason: string, legalBasis: string }),
  'step.started': payload({ stepCode: string }, ['stepCode']),
  'step.completed': payload({ stepCode: string, outcome: oneOf(['pass', 'return']) }, ['stepCode']),
  'case.suspended': payload({ procedure: oneOf(SUSPENSION_PROCEDURES), note: string }, ['procedure']),
  'case.resumed': payload({}),
  'case.extended': payload({ days: { type: 'integer', minimum: 1 }, reason: string }, ['days']),
  'case.completed': payload(
    { result: oneOf(['approved', 'denied', 'withdrawn']), reason: string, legalBasis: string },
    ['result'],
  ),
  'case.delivered': payload({ method: oneOf(['window', 'mail', 'electronic']) }, ['method']),
  'case.evaluated': payload({ score: { type: 'integer', minimum: 1, maximum: 5 }, comment: string }, [
    'score',
  ]),
  'fee.assessed': payload(
    { feeCode: string, quantity: { type: 'number', exclusiveMinimum: 0 }, amount: fenAtLeastZero },
    ['feeCode', 'amount'],
  ),
  'fee.paid': payload({ feeCode: string, amount: fenAboveZero, receiptNo: string, payee }, [
    'feeCode',
    'amount',
    'receiptNo',
    'payee',
  ]),
  'penalty.filed': payload(
    {
      violationCode: string,
      party: { type: 'object', properties: { kind: partyKind, name: string }, required: ['kind'] },
    },
    ['violationCode', 'party'],
  ),
  'penalty.proposed': payload({ violationCode: string, tier: oneOf(TIERS), fine: fenAtLeastZero }, [
    'violationCode',
    'tier',
    'fine',
  ]),
  'penalty.hearing_notified': payload({}),
  'penalty.decided': payload(
    { violationCode: string, tier: oneOf(TIERS), fine: fenAtLeastZero, reason: string },
    ['violationCode', 'tier', 'fine'],
  ),
  'penalty.paid': payload({ amount: fenAboveZero, receiptNo: string, payee }, [
    'amount',
    'receiptNo',
    'payee',
  ]),
};

const instant: Schema = { type: 'string', format: INSTANT_FORMAT };

/** The whole event, schemaVersion 1. */
export const EVENT_SCHEMA_V1: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://jiancha.example/schemas/approval-event-v1.json',
  title: 'ApprovalEvent (schemaVersion 1)',
  type: 'object',
  required: [...REQUIRED_ENVELOPE_FIELDS],
  properties: {
    eventId: text(1, 128),
    schemaVersion: { type: 'integer', const: 1 },
    type: oneOf(EVENT_TYPES),
    caseId: text(1, 64),
    itemCode: text(1, 64),
    departmentId: text(1, 64),
    occurredAt: instant,
    reportedAt: instant,
    actor: { type: 'object', properties: { id: string, name: string }, required: ['id'] },
    payload: { type: 'object' },
  },
  allOf: EVENT_TYPES.map((type) => ({
    if: { properties: { type: { const: type } }, required: ['type'] },
    then: { properties: { payload: PAYLOAD_SCHEMAS[type] } },
  })),
};
