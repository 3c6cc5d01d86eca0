// The replay API's contract between the console and its page: a run as requested, stored and
// answered, with its progress and outcome. Plain types only (no framework import, type-only
// imports), so the page (apps/console/web) compiles against the same file as the server. The page
// imports this file itself, not the `@app/contracts` index, so its bundle takes no runtime code of
// the library.
import type { Level } from './alerts';

export const REPLAY_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ReplayStatus = (typeof REPLAY_STATUSES)[number];
export const DIFF_KINDS = ['missing', 'extra', 'different'] as const;
export type DiffKind = (typeof DIFF_KINDS)[number];

export type CatalogSelection = { mode: 'in-force' } | { mode: 'candidate'; versionId: number };

export type ReplayPhase = 'scoping' | 'replaying' | 'diffing' | 'done';

export interface ReplayProgress {
  phase: ReplayPhase;
  casesTotal: number;
  eventsTotal: number;
  eventsRead: number;
  signals: number;
  /** Cases whose fold is held in memory right now (finished cases are dropped). */
  casesInMemory: number;
  elapsedMs: number;
  /** Events replayed per second of the replaying phase. */
  eventsPerSecond: number;
  heapUsedBytes: number;
  rssBytes: number;
}

export interface ReplayOutcome extends ReplayProgress {
  missing: number;
  extra: number;
  different: number;
  liveSignals: number;
  signalsByLevel: Partial<Record<Level, number>>;
  memory: {
    startHeapUsedBytes: number;
    peakHeapUsedBytes: number;
    startRssBytes: number;
    peakRssBytes: number;
  };
}

/** `GET /api/replays/:id`: a replay run, as stored. */
export interface ReplayRunRecord {
  id: string;
  requestedBy: string;
  requestedRole: string;
  address: string | null;
  requestedAt: string;
  from: string;
  to: string;
  watermark: string;
  /** `min(to, watermark)`: events before it replayed, signals raised in `[from, end)` compared. */
  end: string;
  departments: string[] | null;
  catalog: CatalogSelection;
  lookbackDays: number;
  status: ReplayStatus;
  startedAt: string | null;
  finishedAt: string | null;
  casesTotal: number | null;
  eventsTotal: number | null;
  eventsRead: number;
  signals: number;
  missing: number | null;
  extra: number | null;
  different: number | null;
  error: string | null;
  /** The last progress report, then the outcome (throughput, memory, signals by level). */
  summary: Partial<ReplayOutcome>;
}
