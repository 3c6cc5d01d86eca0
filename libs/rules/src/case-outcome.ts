import type { WorkingCalendar } from '@app/calendar';
import type { CaseState } from './case-state';

/** How a case whose clock stopped ended: a licensing completion's result, or a penalty decision. */
export type CaseResult = 'approved' | 'denied' | 'withdrawn' | 'decided';

/**
 * What the performance evaluation (绩效评估) reads of a case whose clock stopped: when, how, how much
 * of its time limit it used, and the limits it ran under. Undefined while the clock runs, for a
 * case whose clock never started (refused, never accepted) and for an item not in the catalogue.
 */
export interface CaseOutcome {
  readonly kind: 'licensing' | 'penalty';
  readonly result: CaseResult;
  readonly clockStoppedAtMs: number;
  /**
   * Units (working days, or calendar days for `timeUnit: "calendar"`) counted against the time
   * limit: those in `(date(A), date(stop)]` (the start day is not counted) less the units the case
   * was suspended. A case completed on the day it was accepted used 0 (即办).
   */
  readonly timeUsedDays: number;
  /** The item's promised and legal limits (承诺 / 法定时限), before any extension. */
  readonly promisedDays: number;
  readonly legalDays: number;
  /** Stopped before the promised deadline P, moved by suspensions and extensions: on time (按时). */
  readonly onTime: boolean;
}

export function caseOutcome(state: CaseState, calendar: WorkingCalendar): CaseOutcome | undefined {
  const { clock, item, clockStoppedAtMs: stoppedAtMs } = state;
  if (!clock || !item || stoppedAtMs === undefined) return undefined;
  const result: CaseResult | undefined = state.decision ? 'decided' : state.completion?.result;
  if (!result) return undefined;
  const elapsed = calendar.countDays(
    calendar.dateOf(clock.startedAtMs),
    calendar.dateOf(stoppedAtMs),
    state.timeUnit,
  );
  return {
    kind: item.kind,
    result,
    clockStoppedAtMs: stoppedAtMs,
    timeUsedDays: Math.max(0, elapsed - state.suspendedUnits),
    promisedDays: item.promisedDays,
    legalDays: item.legalDays,
    onTime: stoppedAtMs < clock.promisedDeadlineMs,
  };
}
