import { z } from 'zod';
import { LEVELS, STAGES } from '@app/contracts';
import { SignalRecord, SignalTransitionRecord } from '@app/persistence';
import { LIFECYCLE_STATUSES, RESPONSE_KINDS, VERDICTS } from '@app/rules';

export const signalView = z.object({
  alertKey: z.string().describe('caseId|ruleId|qualifier'),
  caseId: z.string(),
  itemCode: z.string(),
  departmentId: z.string(),
  ruleId: z.string(),
  stage: z.enum(STAGES),
  level: z.enum(LEVELS),
  raisedAt: z.string(),
  triggeredBy: z.string(),
  message: z.string(),
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
