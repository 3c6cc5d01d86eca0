import type { Level, Stage, WallCaseEvent, WallChange, WallSignal, WallTransition } from '@app/contracts';

/** What the wall filters on. `departmentId` is already narrowed to the reader's scope. */
export interface WallFilter {
  departmentId: string | null;
  level?: Level;
  stage?: Stage;
  ruleId?: string;
}

/** Missed changes: sequence above `from`, not in `except`, of one department or all. */
export interface ChangeRange {
  from: number;
  except: readonly number[];
  departmentId: string | null;
  limit: number;
}

export interface CaseCounts {
  departmentId: string;
  inProgress: number;
  dueToday: number;
  overdue: number;
}

export interface OpenSignalCounts {
  departmentId: string;
  ruleId: string;
  level: Level;
  open: number;
  /** Of those, how many missed their response deadline. */
  overdue: number;
}

export interface HourlyCount {
  /** Start of the hour, epoch ms. */
  hourMs: number;
  level: Level;
  count: number;
}

export interface CompletionCounts {
  completed: number;
  onTime: number;
}

/** Instants the wall's counts depend on (Asia/Shanghai days), epoch ms. */
export interface WallInstants {
  now: number;
  dayStart: number;
  dayEnd: number;
  monthStart: number;
  hoursFrom: number;
}

/**
 * Port: the wall's reads. Every read takes the reader's department (null: all), so an officer's
 * restriction is in the query, never in the page.
 */
export abstract class WallStore {
  /** The highest outbox sequence (0 for an empty outbox). */
  abstract highWaterMark(): Promise<number>;
  /**
   * The highest sequence created at least `marginMs` before the change `sequence` (before now when
   * null): no transaction still open can commit a change at or below it. 0 when there is none;
   * `sequence` itself when that change does not exist.
   */
  abstract settledBefore(sequence: number | null, marginMs: number): Promise<number>;
  /** Missed changes in ascending sequence order, each with its sequence. */
  abstract changesAfter(range: ChangeRange): Promise<WallChange[]>;
  /** The newest signals first, superseded ones left out (the wall hides them). */
  abstract signals(filter: WallFilter & { limit: number }): Promise<WallSignal[]>;
  abstract caseCounts(departmentId: string | null, at: WallInstants): Promise<CaseCounts[]>;
  abstract openSignals(filter: WallFilter): Promise<OpenSignalCounts[]>;
  abstract hourly(filter: WallFilter, at: WallInstants): Promise<HourlyCount[]>;
  abstract completions(
    departmentId: string | null,
    at: WallInstants,
  ): Promise<{ today: CompletionCounts; month: CompletionCounts }>;
  /** A case's events in the order they happened (at most `limit`). */
  abstract caseEvents(caseId: string, limit: number): Promise<WallCaseEvent[]>;
  /** Every signal of a case, superseded and retracted ones included, with the last answer. */
  abstract caseSignals(caseId: string): Promise<(WallSignal & { responseText: string | null })[]>;
  /** Every lifecycle transition of a case's signals, oldest first. */
  abstract caseTransitions(caseId: string): Promise<WallTransition[]>;
}
