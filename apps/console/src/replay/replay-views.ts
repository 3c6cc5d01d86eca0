import { z } from 'zod';
import { DIFF_KINDS, REPLAY_STATUSES } from '@app/contracts';
import { isoInstant } from '../common/zod-api';
import { DEFAULT_LOOKBACK_DAYS } from './replay.service';

export const replayRequest = z.object({
  from: isoInstant.describe('window start (inclusive): signals raised from here on are reported'),
  to: isoInstant.describe('window end (exclusive); capped at the live watermark (now minus TIMER_GRACE_MS)'),
  departments: z
    .array(z.string().trim().min(1).max(64))
    .max(200)
    .optional()
    .describe('only cases of these departments (default: all)'),
  catalog: z
    .discriminatedUnion('mode', [
      z.object({ mode: z.literal('in-force') }),
      z.object({ mode: z.literal('candidate'), versionId: z.number().int().positive() }),
    ])
    .default({ mode: 'in-force' })
    .describe(
      'in-force: each case with the published version in force at its first event; candidate: the given version in the place it would take if published at its effective instant',
    ),
  lookbackDays: z
    .number()
    .int()
    .min(0)
    .max(3650)
    .default(DEFAULT_LOOKBACK_DAYS)
    .describe(
      'cases with an event up to this many days before the window are replayed too (their deadlines may fall in it)',
    ),
});

const progressView = z
  .object({
    phase: z.enum(['scoping', 'replaying', 'diffing', 'done']),
    casesTotal: z.number(),
    eventsTotal: z.number(),
    eventsRead: z.number(),
    signals: z.number(),
    casesInMemory: z.number(),
    elapsedMs: z.number(),
    eventsPerSecond: z.number(),
    heapUsedBytes: z.number(),
    rssBytes: z.number(),
  })
  .partial();

export const replayRunView = z.object({
  id: z.string(),
  requestedBy: z.string(),
  requestedRole: z.string(),
  address: z.string().nullable(),
  requestedAt: z.string(),
  from: z.string(),
  to: z.string(),
  watermark: z.string().describe('the live watermark when asked (now minus TIMER_GRACE_MS)'),
  end: z
    .string()
    .describe('min(to, watermark): events before it replayed, signals raised in [from, end) compared'),
  departments: z.array(z.string()).nullable(),
  catalog: z.union([
    z.object({ mode: z.literal('in-force') }),
    z.object({ mode: z.literal('candidate'), versionId: z.number() }),
  ]),
  lookbackDays: z.number(),
  status: z.enum(REPLAY_STATUSES),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  casesTotal: z.number().nullable(),
  eventsTotal: z.number().nullable(),
  eventsRead: z.number(),
  signals: z.number(),
  missing: z.number().nullable(),
  extra: z.number().nullable(),
  different: z.number().nullable(),
  error: z.string().nullable(),
  summary: progressView
    .extend({
      missing: z.number(),
      extra: z.number(),
      different: z.number(),
      liveSignals: z.number(),
      signalsByLevel: z.record(z.string(), z.number()),
      memory: z.record(z.string(), z.number()),
    })
    .partial(),
});

export const replaySignalView = z.object({
  alertKey: z.string(),
  caseId: z.string(),
  itemCode: z.string(),
  departmentId: z.string(),
  ruleId: z.string(),
  stage: z.string(),
  level: z.string(),
  raisedAt: z.string(),
  triggeredBy: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
  catalogVersion: z.string(),
});

export const replayDiffView = z.object({
  alertKey: z.string(),
  kind: z.enum(DIFF_KINDS),
  fields: z.array(z.string()),
  replay: z.record(z.string(), z.unknown()).nullable(),
  live: z.record(z.string(), z.unknown()).nullable(),
});

export const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });

export const signalsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  afterRaisedAt: isoInstant.optional().describe('paging: the raisedAt of the last signal received'),
  afterAlertKey: z.string().optional().describe('paging: the alertKey of the last signal received'),
});

export const diffQuery = z.object({
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  kind: z.enum(DIFF_KINDS).optional(),
  after: z.string().optional().describe('paging: the alertKey of the last row received'),
});

export const exportQuery = z.object({
  what: z.enum(['signals', 'diff']).default('signals'),
  format: z.enum(['csv', 'jsonl']).default('csv'),
  kind: z.enum(DIFF_KINDS).optional().describe('diff only: one kind'),
});

export const compareQuery = z.object({
  base: z.uuid().describe('the run compared against (same window and departments), e.g. the one in force'),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  kind: z.enum(DIFF_KINDS).optional(),
  after: z.string().optional().describe('paging: the alertKey of the last row received'),
});
