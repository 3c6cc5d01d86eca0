/** Signals (alerts) as the rule engine raises them and the replay command prints them. */

export const LEVELS = ['warning', 'yellow', 'red'] as const;
export type Level = (typeof LEVELS)[number];

/** 中文 names of the levels, as notifications and printed notices say them. */
export const LEVEL_NAMES: Readonly<Record<Level, string>> = { warning: '预警', yellow: '黄牌', red: '红牌' };

/** 红牌 / 黄牌 / 预警; a level it does not know, as it is. */
export function levelName(level: string): string {
  return (LEVEL_NAMES as Readonly<Record<string, string>>)[level] ?? level;
}

/** The highest of some levels (`LEVELS` rises); levels it does not know count below `warning`. */
export function highestLevel<L extends string | null>(levels: readonly L[], none: L): L {
  const rank = (level: L) => LEVELS.indexOf(level as Level);
  return levels.reduce((best, level) => (rank(level) > rank(best) ? level : best), none);
}

export const STAGES = ['before', 'during', 'after', 'data'] as const;
export type Stage = (typeof STAGES)[number];

export interface Signal {
  /** `caseId|ruleId|qualifier`: raised at most once. */
  alertKey: string;
  caseId: string;
  itemCode: string;
  departmentId: string;
  ruleId: string;
  stage: Stage;
  level: Level;
  /** ISO-8601 UTC with milliseconds: event time for event triggers, due instant for timers. */
  raisedAt: string;
  /** The triggering eventId, or "timer". */
  triggeredBy: string;
  /** Chinese text for supervision staff. */
  message: string;
  details: Record<string, unknown>;
}

/** A change to a signal, published on `supervision.alerts` keyed by departmentId. */
/**
 * `corrected`: the pipeline re-folded the case (late data) and the same alert key now has another
 * raisedAt or level; `reinstated`: a retracted signal holds again; `urged`: a supervisor pressed the
 * department for an answer (催办) on a signal still open or acknowledged, its status unchanged.
 */
export type SignalChangeKind =
  | 'raised'
  | 'retracted'
  | 'corrected'
  | 'reinstated'
  | 'escalated'
  | 'acknowledged'
  | 'responded'
  | 'returned'
  | 'overdue'
  | 'urged'
  | 'closed';

export interface SignalChange {
  kind: SignalChangeKind;
  signal: Signal;
  /** Monotonic per-store sequence, for consumers resuming after a gap. */
  sequence?: number;
  reason?: string;
  at: string;
}
