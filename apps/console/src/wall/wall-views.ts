// OpenAPI schemas of the wall's REST views. The types the server returns are the protocol's
// interfaces (`libs/contracts/src/wall-protocol.ts`, shared with the page); the checks at the end
// keep the two equal.
import { z } from 'zod';
import {
  LEVELS,
  STAGES,
  type WallCase,
  type WallOverview,
  type WallReference,
  type WallSnapshot,
} from '@app/contracts';
import { LIFECYCLE_STATUSES, RESPONSE_KINDS, VERDICTS } from '@app/rules';
import { caseSummaryView, raisedSignalView, transitionView } from '../signals/signal-views';

const levelCounts = z.object({ red: z.number(), yellow: z.number(), warning: z.number() });
const onTimeRate = z.object({
  completed: z.number().describe('cases completed (办结) in the period that had a promised deadline'),
  onTime: z.number().describe('of those, completed by the promised deadline'),
  rate: z.number().nullable().describe('onTime / completed; null when nothing was completed'),
});

export const wallSignalView = raisedSignalView.extend({
  status: z.enum(LIFECYCLE_STATUSES),
  responseDueAt: z.string().nullable(),
  overdueAt: z.string().nullable(),
  escalatedTo: z.string().nullable(),
  responseKind: z.enum(RESPONSE_KINDS).nullable(),
  verdict: z.enum(VERDICTS).nullable(),
  ruleFamily: z.string(),
  retractedReason: z.string().nullable(),
  urgeCount: z
    .number()
    .int()
    .optional()
    .describe('how often a supervisor urged (催办) an answer; absent: never'),
});

export const wallSnapshotView = z.object({
  sequence: z
    .number()
    .describe(
      'outbox high-water mark read before the list: resume the socket from here (ResumeRequest.from)',
    ),
  signals: z.array(wallSignalView).describe('newest first; superseded signals left out'),
});

export const wallOverviewView = z.object({
  at: z.string(),
  tiles: z.object({
    casesInProgress: z.number().describe('在办件'),
    dueToday: z.number().describe('今日到期: promised deadline today (Asia/Shanghai)'),
    overdueCases: z.number().describe('超期办件: in progress past the promised deadline'),
    open: levelCounts.describe('open signals (not closed, retracted or superseded)'),
    overdueAnswers: z.number().describe('open signals past their response deadline (督办期限)'),
    onTimeToday: onTimeRate,
    onTimeMonth: onTimeRate,
  }),
  board: z.array(
    z.object({
      departmentId: z.string(),
      name: z.string(),
      casesInProgress: z.number(),
      overdueCases: z.number(),
      open: levelCounts,
      overdueAnswers: z.number(),
      rank: z.number().describe('1: most open red, then yellow, overdue answers, overdue cases, warnings'),
    }),
  ),
  hourly: z
    .object({
      hours: z.array(z.string()),
      red: z.array(z.number()),
      yellow: z.array(z.number()),
      warning: z.array(z.number()),
    })
    .describe('signals raised per hour, last 24 hours, oldest first'),
  families: z.array(z.object({ family: z.string(), ruleIds: z.array(z.string()), open: levelCounts })),
});

const bilingual = z.object({ zh: z.string(), en: z.string() });

export const wallReferenceView = z.object({
  departments: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      nameEn: z.string().nullable().describe("the catalogue's English name; null: none, show name"),
    }),
  ),
  rules: z.array(
    z.object({
      id: z.string(),
      title: bilingual,
      level: z.enum(LEVELS),
      stage: z.enum(STAGES),
      family: z.string(),
      description: bilingual,
    }),
  ),
  families: z.array(z.object({ id: z.string(), title: bilingual })),
});

export const wallCaseView = z.object({
  item: z
    .object({ name: z.string(), steps: z.array(z.object({ code: z.string(), name: z.string() })) })
    .nullable(),
  case: caseSummaryView,
  events: z.array(
    z.object({
      eventId: z.string(),
      type: z.string(),
      occurredAt: z.string(),
      reportedAt: z.string().nullable(),
      actorName: z.string().nullable(),
      payload: z.record(z.string(), z.unknown()),
    }),
  ),
  signals: z.array(wallSignalView.extend({ responseText: z.string().nullable() })),
  transitions: z.array(transitionView.omit({ address: true, details: true })),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree = <T extends true>(value: T) => value;
agree<Same<z.infer<typeof wallSnapshotView>, WallSnapshot>>(true);
agree<Same<z.infer<typeof wallOverviewView>, WallOverview>>(true);
agree<Same<z.infer<typeof wallReferenceView>, WallReference>>(true);
agree<Same<z.infer<typeof wallCaseView>, WallCase>>(true);
