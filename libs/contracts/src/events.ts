/** The approval-process event contract, schemaVersion 1 (`docs/events.md`). */

export const EVENT_TYPES = [
  'case.submitted',
  'case.supplement_requested',
  'case.supplemented',
  'case.accepted',
  'case.refused',
  'step.started',
  'step.completed',
  'case.suspended',
  'case.resumed',
  'case.extended',
  'case.completed',
  'case.delivered',
  'case.evaluated',
  'fee.assessed',
  'fee.paid',
  'penalty.filed',
  'penalty.proposed',
  'penalty.hearing_notified',
  'penalty.decided',
  'penalty.paid',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const TIERS = ['exempt', 'mitigated', 'lighter', 'ordinary', 'heavier'] as const;
export type Tier = (typeof TIERS)[number];

export const SUSPENSION_PROCEDURES = [
  'hearing',
  'inspection',
  'expert_review',
  'public_notice',
  'on_site_survey',
  'other',
] as const;
export type SuspensionProcedure = (typeof SUSPENSION_PROCEDURES)[number];

export type PartyKind = 'person' | 'organization';
export type Payee = 'treasury' | 'bank' | 'department';

export interface PayloadByType {
  'case.submitted': {
    channel: 'online' | 'window' | 'mail';
    materials: string[];
    applicant?: { kind: PartyKind; name?: string };
  };
  'case.supplement_requested': { missingMaterials: string[] };
  'case.supplemented': { materials: string[] };
  'case.accepted': Record<string, never>;
  'case.refused': { reason?: string; legalBasis?: string };
  'step.started': { stepCode: string };
  'step.completed': { stepCode: string; outcome?: 'pass' | 'return' };
  'case.suspended': { procedure: SuspensionProcedure; note?: string };
  'case.resumed': Record<string, never>;
  'case.extended': { days: number; reason?: string };
  'case.completed': { result: 'approved' | 'denied' | 'withdrawn'; reason?: string; legalBasis?: string };
  'case.delivered': { method: 'window' | 'mail' | 'electronic' };
  'case.evaluated': { score: number; comment?: string };
  'fee.assessed': { feeCode: string; quantity?: number; amount: number };
  'fee.paid': { feeCode: string; amount: number; receiptNo: string; payee: Payee };
  'penalty.filed': { violationCode: string; party: { kind: PartyKind; name?: string } };
  'penalty.proposed': { violationCode: string; tier: Tier; fine: number };
  'penalty.hearing_notified': Record<string, never>;
  'penalty.decided': { violationCode: string; tier: Tier; fine: number; reason?: string };
  'penalty.paid': { amount: number; receiptNo: string; payee: Payee };
}

interface EnvelopeOf<T extends EventType> {
  eventId: string;
  schemaVersion: 1;
  type: T;
  caseId: string;
  itemCode: string;
  departmentId: string;
  /** RFC 3339 with offset, as sent. */
  occurredAt: string;
  reportedAt?: string;
  actor?: { id: string; name?: string };
  payload: PayloadByType[T];
}

/** The envelope fields every event carries (`reportedAt` and `actor` are optional). */
export const REQUIRED_ENVELOPE_FIELDS = [
  'eventId',
  'schemaVersion',
  'type',
  'caseId',
  'itemCode',
  'departmentId',
  'occurredAt',
  'payload',
] as const satisfies readonly (keyof EnvelopeOf<EventType>)[];

/** A valid approval event: a discriminated union on `type`. */
export type ApprovalEvent = { [T in EventType]: EnvelopeOf<T> }[EventType];
export type ApprovalEventOf<T extends EventType> = Extract<ApprovalEvent, { type: T }>;
