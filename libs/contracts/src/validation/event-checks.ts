import { EVENT_TYPES, SUSPENSION_PROCEDURES, TIERS, type EventType } from '../events';
import { isInstantWithOffset } from './rfc3339';

/**
 * The checks of `event-schema.ts`, written out: the same decisions as ajv compiling that schema
 * (`allErrors: false`), the first failure in ajv's order, worded as `parseEvent` words it
 * (`field: rule`), without ajv's error objects and format lookups on every event. ajv's order:
 * the payload of a known `type` first (the schema's `allOf`), then the envelope; in each object the
 * `required` names in order, then each present property in the order of `properties`; a string's
 * `maxLength` before its `minLength`, a number's `maximum` before its `minimum`.
 * `testing/reference-parse-event.ts` runs ajv on the schema itself, and the differential spec holds
 * the two together: a change to the schema changes both, or fails that spec.
 */

/** Why a value breaks the contract (`payload.amount: must be integer`), or `undefined`. */
type Reason = string | undefined;

/** Largest money amount: `Number.MAX_SAFE_INTEGER`, as in the schema. */
const MAX_FEN = Number.MAX_SAFE_INTEGER;

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A set of allowed strings and the rule that names them. */
interface Choice {
  values: ReadonlySet<unknown>;
  rule: string;
}

function choice(values: readonly string[]): Choice {
  return { values: new Set(values), rule: `must be one of ${values.join(', ')}` };
}

const TYPE = choice(EVENT_TYPES);
const CHANNEL = choice(['online', 'window', 'mail']);
const PARTY_KIND = choice(['person', 'organization']);
const PAYEE = choice(['treasury', 'bank', 'department']);
const OUTCOME = choice(['pass', 'return']);
const PROCEDURE = choice(SUSPENSION_PROCEDURES);
const RESULT = choice(['approved', 'denied', 'withdrawn']);
const DELIVERY = choice(['window', 'mail', 'electronic']);
const TIER = choice(TIERS);

// Each check below passes an absent (`undefined`) value: presence is `required`'s business.

function required(value: unknown, field: string): Reason {
  return value === undefined ? `${field}: is required` : undefined;
}

function text(value: unknown, field: string): Reason {
  return value === undefined || typeof value === 'string' ? undefined : `${field}: must be string`;
}

/** 1 to `max` characters: code points, a lone surrogate counting as one, as ajv counts them. */
function sizedText(value: unknown, field: string, max: number): Reason {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return `${field}: must be string`;
  // a text has as many code points as UTF-16 units at most, and half as many at least
  if (value.length > max && codePoints(value) > max)
    return `${field}: must be at most ${max} characters long`;
  if (value.length === 0) return `${field}: must be at least 1 character(s) long`;
  return undefined;
}

function codePoints(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index += 1) {
    count += 1;
    const unit = text.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00) index += 1;
  }
  return count;
}

function instant(value: unknown, field: string): Reason {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return `${field}: must be string`;
  return isInstantWithOffset(value) ? undefined : `${field}: must be an RFC 3339 date-time with offset`;
}

function oneOf(value: unknown, field: string, allowed: Choice): Reason {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return `${field}: must be string`;
  return allowed.values.has(value) ? undefined : `${field}: ${allowed.rule}`;
}

/** An integer from `minimum` to `maximum`; ajv's strict numbers refuse NaN and ±Infinity (`1e400`). */
function integer(value: unknown, field: string, minimum: number, maximum = Number.POSITIVE_INFINITY): Reason {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value)) return `${field}: must be integer`;
  if ((value as number) > maximum) return `${field}: must be <= ${maximum}`;
  if ((value as number) < minimum) return `${field}: must be >= ${minimum}`;
  return undefined;
}

/** An amount of fen above zero (`exclusiveMinimum: 0`). */
function positiveFen(value: unknown, field: string): Reason {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value)) return `${field}: must be integer`;
  if ((value as number) > MAX_FEN) return `${field}: must be <= ${MAX_FEN}`;
  if ((value as number) <= 0) return `${field}: must be > 0`;
  return undefined;
}

function strings(value: unknown, field: string, minItems = 0): Reason {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return `${field}: must be array`;
  if (value.length < minItems) return `${field}: must have at least ${minItems} item(s)`;
  for (let index = 0; index < value.length; index += 1)
    if (typeof value[index] !== 'string') return `${field}[${index}]: must be string`;
  return undefined;
}

/** `{ kind: "person" | "organization", name?: string }`: an applicant or a penalised party. */
function party(value: unknown, field: string): Reason {
  if (value === undefined) return undefined;
  if (!isObject(value)) return `${field}: must be object`;
  return (
    required(value.kind, `${field}.kind`) ??
    oneOf(value.kind, `${field}.kind`, PARTY_KIND) ??
    text(value.name, `${field}.name`)
  );
}

function actor(value: unknown): Reason {
  if (value === undefined) return undefined;
  if (!isObject(value)) return 'actor: must be object';
  return required(value.id, 'actor.id') ?? text(value.id, 'actor.id') ?? text(value.name, 'actor.name');
}

type Payload = Record<string, unknown>;

/** A penalty act's payload: `penalty.proposed`'s fields, which `penalty.decided` gives a reason after. */
function penaltyAct(p: Payload): Reason {
  return (
    required(p.violationCode, 'payload.violationCode') ??
    required(p.tier, 'payload.tier') ??
    required(p.fine, 'payload.fine') ??
    text(p.violationCode, 'payload.violationCode') ??
    oneOf(p.tier, 'payload.tier', TIER) ??
    integer(p.fine, 'payload.fine', 0, MAX_FEN)
  );
}

/** Each type's payload, as in `PAYLOAD_SCHEMAS`: its required fields in order, then its fields. */
const PAYLOAD_CHECKS: Readonly<Record<EventType, (payload: Payload) => Reason>> = {
  'case.submitted': (p) =>
    required(p.channel, 'payload.channel') ??
    required(p.materials, 'payload.materials') ??
    oneOf(p.channel, 'payload.channel', CHANNEL) ??
    strings(p.materials, 'payload.materials') ??
    party(p.applicant, 'payload.applicant'),
  'case.supplement_requested': (p) =>
    required(p.missingMaterials, 'payload.missingMaterials') ??
    strings(p.missingMaterials, 'payload.missingMaterials', 1),
  'case.supplemented': (p) =>
    required(p.materials, 'payload.materials') ?? strings(p.materials, 'payload.materials'),
  'case.accepted': () => undefined,
  'case.refused': (p) => text(p.reason, 'payload.reason') ?? text(p.legalBasis, 'payload.legalBasis'),
  'step.started': (p) => required(p.stepCode, 'payload.stepCode') ?? text(p.stepCode, 'payload.stepCode'),
  'step.completed': (p) =>
    required(p.stepCode, 'payload.stepCode') ??
    text(p.stepCode, 'payload.stepCode') ??
    oneOf(p.outcome, 'payload.outcome', OUTCOME),
  'case.suspended': (p) =>
    required(p.procedure, 'payload.procedure') ??
    oneOf(p.procedure, 'payload.procedure', PROCEDURE) ??
    text(p.note, 'payload.note'),
  'case.resumed': () => undefined,
  'case.extended': (p) =>
    required(p.days, 'payload.days') ??
    integer(p.days, 'payload.days', 1) ??
    text(p.reason, 'payload.reason'),
  'case.completed': (p) =>
    required(p.result, 'payload.result') ??
    oneOf(p.result, 'payload.result', RESULT) ??
    text(p.reason, 'payload.reason') ??
    text(p.legalBasis, 'payload.legalBasis'),
  'case.delivered': (p) =>
    required(p.method, 'payload.method') ?? oneOf(p.method, 'payload.method', DELIVERY),
  'case.evaluated': (p) =>
    required(p.score, 'payload.score') ??
    integer(p.score, 'payload.score', 1, 5) ??
    text(p.comment, 'payload.comment'),
  'fee.assessed': (p) =>
    required(p.feeCode, 'payload.feeCode') ??
    required(p.amount, 'payload.amount') ??
    text(p.feeCode, 'payload.feeCode') ??
    quantity(p.quantity) ??
    integer(p.amount, 'payload.amount', 0, MAX_FEN),
  'fee.paid': (p) =>
    required(p.feeCode, 'payload.feeCode') ??
    required(p.amount, 'payload.amount') ??
    required(p.receiptNo, 'payload.receiptNo') ??
    required(p.payee, 'payload.payee') ??
    text(p.feeCode, 'payload.feeCode') ??
    positiveFen(p.amount, 'payload.amount') ??
    text(p.receiptNo, 'payload.receiptNo') ??
    oneOf(p.payee, 'payload.payee', PAYEE),
  'penalty.filed': (p) =>
    required(p.violationCode, 'payload.violationCode') ??
    required(p.party, 'payload.party') ??
    text(p.violationCode, 'payload.violationCode') ??
    party(p.party, 'payload.party'),
  'penalty.proposed': penaltyAct,
  'penalty.hearing_notified': () => undefined,
  'penalty.decided': (p) => penaltyAct(p) ?? text(p.reason, 'payload.reason'),
  'penalty.paid': (p) =>
    required(p.amount, 'payload.amount') ??
    required(p.receiptNo, 'payload.receiptNo') ??
    required(p.payee, 'payload.payee') ??
    positiveFen(p.amount, 'payload.amount') ??
    text(p.receiptNo, 'payload.receiptNo') ??
    oneOf(p.payee, 'payload.payee', PAYEE),
};
const PAYLOADS = new Map<unknown, (payload: Payload) => Reason>(Object.entries(PAYLOAD_CHECKS));

/** `fee.assessed`'s quantity: any finite number above zero. */
function quantity(value: unknown): Reason {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'payload.quantity: must be number';
  return value <= 0 ? 'payload.quantity: must be > 0' : undefined;
}

/** Why an object breaks the event contract, or `undefined` when it keeps it. */
export function checkEvent(event: Record<string, unknown>): Reason {
  const { eventId, schemaVersion, type, caseId, itemCode, departmentId, occurredAt, payload } = event;
  const checkPayload = PAYLOADS.get(type);
  if (checkPayload !== undefined && payload !== undefined) {
    const broken = isObject(payload) ? checkPayload(payload) : 'payload: must be object';
    if (broken !== undefined) return broken;
  }
  return (
    required(eventId, 'eventId') ??
    required(schemaVersion, 'schemaVersion') ??
    required(type, 'type') ??
    required(caseId, 'caseId') ??
    required(itemCode, 'itemCode') ??
    required(departmentId, 'departmentId') ??
    required(occurredAt, 'occurredAt') ??
    required(payload, 'payload') ??
    sizedText(eventId, 'eventId', 128) ??
    (Number.isInteger(schemaVersion)
      ? schemaVersion === 1
        ? undefined
        : 'schemaVersion: must be 1'
      : 'schemaVersion: must be integer') ??
    oneOf(type, 'type', TYPE) ??
    sizedText(caseId, 'caseId', 64) ??
    sizedText(itemCode, 'itemCode', 64) ??
    sizedText(departmentId, 'departmentId', 64) ??
    instant(occurredAt, 'occurredAt') ??
    instant(event.reportedAt, 'reportedAt') ??
    actor(event.actor) ??
    (isObject(payload) ? undefined : 'payload: must be object')
  );
}
