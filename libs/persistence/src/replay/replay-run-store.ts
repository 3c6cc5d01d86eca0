import type {
  Actor,
  CatalogSelection,
  DiffKind,
  ReplayOutcome,
  ReplayProgress,
  ReplayRunRecord,
} from '@app/contracts';

export interface NewReplayRun {
  from: string;
  to: string;
  /** The live watermark when asked: wall clock minus TIMER_GRACE_MS. */
  watermark: string;
  departments: string[] | null;
  catalog: CatalogSelection;
  lookbackDays: number;
}

export interface ReplaySignalRow {
  alertKey: string;
  caseId: string;
  itemCode: string;
  departmentId: string;
  ruleId: string;
  stage: string;
  level: string;
  raisedAt: string;
  triggeredBy: string;
  message: string;
  details: Record<string, unknown>;
  catalogVersion: string;
}

export interface ReplayDiffRow {
  alertKey: string;
  kind: DiffKind;
  /** For `different`: which of level, stage, raisedAt, triggeredBy, details differ. */
  fields: string[];
  /** The replay's signal (with its catalogue version), absent for `extra`. */
  replay: Record<string, unknown> | null;
  /** The live signal (with its status), absent for `missing` unless live retracted it. */
  live: Record<string, unknown> | null;
}

/** Port: replay runs, their signals and diffs (the replay's own tables; never the live ones). */
export abstract class ReplayRunStore {
  /** Records the request and its audit entry (who, what, when) in one transaction. */
  abstract create(run: NewReplayRun, actor: Actor): Promise<ReplayRunRecord>;
  abstract get(id: string): Promise<ReplayRunRecord | null>;
  abstract list(limit: number): Promise<ReplayRunRecord[]>;
  /**
   * Takes the oldest queued run and marks it running (`FOR UPDATE SKIP LOCKED`: workers never take
   * the same run and never wait for each other), or null when none is queued.
   */
  abstract claimNext(): Promise<ReplayRunRecord | null>;
  abstract progress(id: string, progress: ReplayProgress): Promise<void>;
  /** The run's worker is alive (between two progress writes, e.g. during a long diff). */
  abstract heartbeat(id: string): Promise<void>;
  abstract finish(id: string, outcome: ReplayOutcome): Promise<void>;
  abstract fail(id: string, error: string): Promise<void>;
  /** Runs left running by a worker that stopped (no heartbeat for so long): failed, with the reason. */
  abstract failAbandoned(staleAfterMs: number): Promise<number>;
  /** Signals by raisedAt then alertKey, after a keyset cursor. */
  abstract signals(
    id: string,
    page: { limit: number; after?: { raisedAt: string; alertKey: string } },
  ): Promise<ReplaySignalRow[]>;
  /** Diff rows by alertKey, after a keyset cursor, optionally of one kind. */
  abstract diffs(
    id: string,
    page: { limit: number; kind?: DiffKind; after?: string },
  ): Promise<ReplayDiffRow[]>;
  /** Records an export (who, what, when) in the operator audit. */
  abstract recordExport(id: string, actor: Actor, details: Record<string, unknown>): Promise<void>;
  /**
   * Cancels a queued or running run: it becomes `failed` with `cancelled by …` as its error, in one
   * transaction with its `replay.cancel` audit entry. Null when the run is not queued or running.
   * A running run's worker notices it between two pages and stops.
   */
  abstract cancel(id: string, actor: Actor): Promise<ReplayRunRecord | null>;
  /** Drops what a cancelled run wrote (its scratch case list, signals and diff rows). */
  abstract discardPartial(id: string): Promise<void>;
  /**
   * What-if: the signals of run `id` against those of run `baseId` (same window), by alertKey after
   * a keyset cursor, as diff rows: `missing` raised by `id` only, `extra` by `baseId` only,
   * `different` by both with `fields` differing. `replay` is the row of `id`, `live` that of `baseId`.
   */
  abstract compare(
    id: string,
    baseId: string,
    page: { limit: number; kind?: DiffKind; after?: string },
  ): Promise<ReplayDiffRow[]>;
}

/** A run's error when it was cancelled, and how to tell. */
export const cancelledError = (actor: Actor) => `cancelled by ${actor.username} (${actor.role})`;
export const wasCancelled = (run: Pick<ReplayRunRecord, 'status' | 'error'>) =>
  run.status === 'failed' && (run.error ?? '').startsWith('cancelled by ');
