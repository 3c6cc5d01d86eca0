import type { FactCounts } from '@app/evaluation';

/** What a period's facts are read for: `[fromMs, toMs)`, months in `timeZone`, judged at `asOfMs`. */
export interface FactsQuery {
  fromMs: number;
  toMs: number;
  /** The calendar's zone (`Asia/Shanghai`): which month an instant belongs to. */
  timeZone: string;
  /** A response deadline after this instant is still pending. */
  asOfMs: number;
  /** One department (an officer's scope), or every department. */
  departmentId: string | null;
}

/**
 * Port: what the performance evaluation counts, per department, item and month, read from the
 * case projection (how each case ended), the signals with their lifecycle, and the audit store
 * (`factsFromCounts` of `@app/evaluation` makes the facts of them).
 */
export abstract class EvaluationStore {
  abstract counts(query: FactsQuery): Promise<FactCounts>;
}
