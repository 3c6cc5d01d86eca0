/**
 * Fixtures for the event contract: one valid event per type, and one message per kind of invalid
 * input with the reason it must be rejected with. Used by the validation spec.
 */
import type { EventType } from '../events';

export type RawEvent = Record<string, unknown>;

const VALID_PAYLOADS: Readonly<Record<EventType, Record<string, unknown>>> = {
  'case.submitted': { channel: 'online', materials: ['申请书'], applicant: { kind: 'person', name: '张三' } },
  'case.supplement_requested': { missingMaterials: ['营业执照'] },
  'case.supplemented': { materials: ['营业执照'] },
  'case.accepted': {},
  'case.refused': { reason: '不属于本机关职权范围', legalBasis: '行政许可法第三十二条' },
  'step.started': { stepCode: 'review' },
  'step.completed': { stepCode: 'review', outcome: 'return' },
  'case.suspended': { procedure: 'expert_review', note: '专家评审' },
  'case.resumed': {},
  'case.extended': { days: 10, reason: '情况复杂' },
  'case.completed': { result: 'denied', reason: '不符合条件' },
  'case.delivered': { method: 'mail' },
  'case.evaluated': { score: 1, comment: '太慢' },
  'fee.assessed': { feeCode: 'F-001', quantity: 1.5, amount: 0 },
  'fee.paid': { feeCode: 'F-001', amount: 1, receiptNo: 'R-1', payee: 'bank' },
  'penalty.filed': { violationCode: 'V-001', party: { kind: 'organization' } },
  'penalty.proposed': { violationCode: 'V-001', tier: 'mitigated', fine: 0 },
  'penalty.hearing_notified': {},
  'penalty.decided': { violationCode: 'V-001', tier: 'exempt', fine: 0, reason: '初次违法' },
  'penalty.paid': { amount: 100, receiptNo: 'P-1', payee: 'treasury' },
};

/** A valid event of a type, with every envelope field. */
export function aValidEvent(type: EventType = 'fee.paid', overrides: RawEvent = {}): RawEvent {
  return {
    eventId: `E-${type}`,
    schemaVersion: 1,
    type,
    caseId: 'C-1',
    itemCode: 'XK-001',
    departmentId: 'D-1',
    occurredAt: '2026-09-18T14:00:00+08:00',
    reportedAt: '2026-09-18T06:00:01.5Z',
    actor: { id: 'u-1', name: '李四' },
    payload: VALID_PAYLOADS[type],
    ...overrides,
  };
}

function withPayload(type: EventType, payload: Record<string, unknown>): RawEvent {
  return aValidEvent(type, { payload: { ...VALID_PAYLOADS[type], ...payload } });
}

function without(field: string, event: RawEvent = aValidEvent()): RawEvent {
  const copy = { ...event };
  delete copy[field];
  return copy;
}

function withoutInPayload(type: EventType, field: string): RawEvent {
  const payload = { ...VALID_PAYLOADS[type] };
  delete payload[field];
  return aValidEvent(type, { payload });
}

const json = (value: unknown): string => JSON.stringify(value);

/** [kind of invalid input, raw message, the exact reason]. */
export const INVALID_EVENTS: readonly (readonly [string, string | Uint8Array, string])[] = [
  [
    'larger than 64 KiB',
    json(aValidEvent('fee.paid', { note: 'x'.repeat(70_000) })),
    'event: must be at most 65536 bytes',
  ],
  [
    'larger than 64 KiB in multi-byte characters',
    json(aValidEvent('fee.paid', { note: '监'.repeat(22_000) })),
    'event: must be at most 65536 bytes',
  ],
  [
    'invalid UTF-8',
    new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]),
    'event: must be valid UTF-8',
  ],
  ['not JSON', '{"eventId": "E-1",', 'event: not JSON'],
  ['a JSON array', '[1, 2]', 'event: must be a JSON object, not an array'],
  ['a JSON string', '"case.submitted"', 'event: must be a JSON object, not a string'],
  ['JSON null', 'null', 'event: must be a JSON object, not null'],
  ['a missing eventId', json(without('eventId')), 'eventId: is required'],
  [
    'an empty eventId',
    json(aValidEvent('fee.paid', { eventId: '' })),
    'eventId: must be at least 1 character(s) long',
  ],
  [
    'an eventId over 128 characters',
    json(aValidEvent('fee.paid', { eventId: 'e'.repeat(129) })),
    'eventId: must be at most 128 characters long',
  ],
  [
    'a caseId over 64 characters',
    json(aValidEvent('fee.paid', { caseId: 'c'.repeat(65) })),
    'caseId: must be at most 64 characters long',
  ],
  ['a missing payload', json(without('payload')), 'payload: is required'],
  ['schemaVersion 2', json(aValidEvent('fee.paid', { schemaVersion: 2 })), 'schemaVersion: must be 1'],
  [
    'schemaVersion as text',
    json(aValidEvent('fee.paid', { schemaVersion: '1' })),
    'schemaVersion: must be integer',
  ],
  [
    'an unknown type',
    json(aValidEvent('fee.paid', { type: 'case.teleported' })),
    'type: must be one of case.submitted, case.supplement_requested, case.supplemented, case.accepted, case.refused, step.started, step.completed, case.suspended, case.resumed, case.extended, case.completed, case.delivered, case.evaluated, fee.assessed, fee.paid, penalty.filed, penalty.proposed, penalty.hearing_notified, penalty.decided, penalty.paid',
  ],
  [
    'a departmentId that is a number',
    json(aValidEvent('fee.paid', { departmentId: 7 })),
    'departmentId: must be string',
  ],
  [
    'an offset-less occurredAt',
    json(aValidEvent('fee.paid', { occurredAt: '2026-09-18T14:00:00' })),
    'occurredAt: must be an RFC 3339 date-time with offset',
  ],
  [
    'an occurredAt without seconds',
    json(aValidEvent('fee.paid', { occurredAt: '2026-09-18T14:00+08:00' })),
    'occurredAt: must be an RFC 3339 date-time with offset',
  ],
  [
    'an impossible date',
    json(aValidEvent('fee.paid', { occurredAt: '2026-02-30T10:00:00Z' })),
    'occurredAt: must be an RFC 3339 date-time with offset',
  ],
  [
    'a time of 24:00',
    json(aValidEvent('fee.paid', { occurredAt: '2026-09-18T24:00:00Z' })),
    'occurredAt: must be an RFC 3339 date-time with offset',
  ],
  [
    'an unparsable reportedAt',
    json(aValidEvent('fee.paid', { reportedAt: 'yesterday' })),
    'reportedAt: must be an RFC 3339 date-time with offset',
  ],
  [
    'an actor without id',
    json(aValidEvent('fee.paid', { actor: { name: '李四' } })),
    'actor.id: is required',
  ],
  [
    'a payload that is an array',
    json(aValidEvent('case.accepted', { payload: [] })),
    'payload: must be object',
  ],
  ['a fractional amount', json(withPayload('fee.paid', { amount: 10.5 })), 'payload.amount: must be integer'],
  ['a zero payment', json(withPayload('fee.paid', { amount: 0 })), 'payload.amount: must be > 0'],
  [
    'a negative assessment',
    json(withPayload('fee.assessed', { amount: -1 })),
    'payload.amount: must be >= 0',
  ],
  [
    'an amount as text',
    json(withPayload('penalty.paid', { amount: '100' })),
    'payload.amount: must be integer',
  ],
  ['a negative fine', json(withPayload('penalty.decided', { fine: -100 })), 'payload.fine: must be >= 0'],
  ['a zero quantity', json(withPayload('fee.assessed', { quantity: 0 })), 'payload.quantity: must be > 0'],
  [
    'an unknown payee',
    json(withPayload('fee.paid', { payee: 'cashier' })),
    'payload.payee: must be one of treasury, bank, department',
  ],
  ['a missing receiptNo', json(withoutInPayload('fee.paid', 'receiptNo')), 'payload.receiptNo: is required'],
  [
    'an unknown tier',
    json(withPayload('penalty.proposed', { tier: 'severe' })),
    'payload.tier: must be one of exempt, mitigated, lighter, ordinary, heavier',
  ],
  ['a score of 6', json(withPayload('case.evaluated', { score: 6 })), 'payload.score: must be <= 5'],
  ['a score of 0', json(withPayload('case.evaluated', { score: 0 })), 'payload.score: must be >= 1'],
  [
    'a fractional score',
    json(withPayload('case.evaluated', { score: 4.5 })),
    'payload.score: must be integer',
  ],
  ['an extension of 0 days', json(withPayload('case.extended', { days: 0 })), 'payload.days: must be >= 1'],
  [
    'a supplement request with nothing missing',
    json(withPayload('case.supplement_requested', { missingMaterials: [] })),
    'payload.missingMaterials: must have at least 1 item(s)',
  ],
  [
    'materials that are not text',
    json(withPayload('case.submitted', { materials: ['申请书', 3] })),
    'payload.materials[1]: must be string',
  ],
  [
    'an unknown channel',
    json(withPayload('case.submitted', { channel: 'fax' })),
    'payload.channel: must be one of online, window, mail',
  ],
  [
    'an applicant without kind',
    json(withPayload('case.submitted', { applicant: { name: '张三' } })),
    'payload.applicant.kind: is required',
  ],
  [
    'an unknown procedure',
    json(withPayload('case.suspended', { procedure: 'vacation' })),
    'payload.procedure: must be one of hearing, inspection, expert_review, public_notice, on_site_survey, other',
  ],
  ['a missing stepCode', json(withoutInPayload('step.started', 'stepCode')), 'payload.stepCode: is required'],
  [
    'an unknown outcome',
    json(withPayload('step.completed', { outcome: 'maybe' })),
    'payload.outcome: must be one of pass, return',
  ],
  [
    'an unknown result',
    json(withPayload('case.completed', { result: 'lost' })),
    'payload.result: must be one of approved, denied, withdrawn',
  ],
  [
    'a reason that is not text',
    json(withPayload('case.refused', { reason: null })),
    'payload.reason: must be string',
  ],
  [
    'an unknown delivery method',
    json(withPayload('case.delivered', { method: 'pigeon' })),
    'payload.method: must be one of window, mail, electronic',
  ],
  [
    'a party of unknown kind',
    json(withPayload('penalty.filed', { party: { kind: 'robot' } })),
    'payload.party.kind: must be one of person, organization',
  ],
];
