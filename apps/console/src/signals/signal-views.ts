import { z } from 'zod';
import { LEVELS, STAGES } from '@app/contracts';
import { SignalRecord, SignalTransitionRecord } from '@app/persistence';
import { LIFECYCLE_STATUSES, RESPONSE_KINDS, VERDICTS } from '@app/rules';

/** A signal as the rule engine raised it: the first fields of the API's and of the wall's views. */
export const raisedSignalView = z.object({
  alertKey: z.string(),
  caseId: z.string(),
  itemCode: z.string(),
  departmentId: z.string(),
  ruleId: z.string(),
  stage: z.enum(STAGES),
  level: z.enum(LEVELS),
  raisedAt: z.string(),
  triggeredBy: z.string(),
  message: z.string(),
});

export const signalView = raisedSignalView.extend({
  alertKey: z.string().describe('caseId|ruleId|qualifier'),
  details: z.record(z.string(), z.unknown()),
  status: z.enum(LIFECYCLE_STATUSES),
  retractedReason: z.string().nullable(),
  ruleFamily: z.string().nullable(),
  responseDueAt: z.string().nullable().describe('督办期限: when the department must have answered'),
  overdue: z.boolean(),
  overdueAt: z.string().nullable(),
  escalatedTo: z
    .string()
    .nullable()
    .describe('the higher signal of the case and rule family that superseded this one'),
  superseded: z.boolean(),
  acknowledgedAt: z.string().nullable(),
  respondedAt: z.string().nullable(),
  responseKind: z.enum(RESPONSE_KINDS).nullable(),
  responseText: z.string().nullable(),
  closedAt: z.string().nullable(),
  verdict: z.enum(VERDICTS).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SignalView = z.infer<typeof signalView>;

export function viewOf(record: SignalRecord): SignalView {
  const { recordedStatus: _recorded, ...rest } = record;
  return { ...rest, overdue: record.overdueAt !== null, superseded: record.escalatedTo !== null };
}

export const transitionView = z.object({
  id: z.number(),
  alertKey: z.string(),
  action: z.string(),
  fromStatus: z.enum(LIFECYCLE_STATUSES).nullable(),
  toStatus: z.enum(LIFECYCLE_STATUSES),
  actorUsername: z.string(),
  actorRole: z.string(),
  address: z.string().nullable(),
  at: z.string(),
  responseKind: z.enum(RESPONSE_KINDS).nullable(),
  verdict: z.enum(VERDICTS).nullable(),
  text: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type TransitionView = z.infer<typeof transitionView>;

export function transitionViewOf(record: SignalTransitionRecord): TransitionView {
  return record;
}

/** A case (办件) as its projection stands: what the API's and the wall's case views begin with. */
export const caseSummaryView = z.object({
  caseId: z.string(),
  itemCode: z.string(),
  departmentId: z.string(),
  phase: z.string(),
  acceptedAt: z.string().nullable(),
  promisedDeadline: z.string().nullable(),
  legalDeadline: z.string().nullable(),
  eventCount: z.number(),
  lastOccurredAt: z.string(),
});
