import type { Level } from '@app/contracts';
import { emptyFacts, type Facts, type FactsRow } from './facts';

/** A department, an item and a month (`YYYY-MM`), what the store groups its counts by. */
export interface CountKey {
  departmentId: string;
  itemCode: string;
  month: string;
}

/** Cases whose clock stopped in the month (a withdrawal is no completion). */
export interface CaseCounts extends CountKey {
  completed: number;
  onTime: number;
  early: number;
  timeUsedDays: number;
}

/**
 * Signals raised in the month that stand (not retracted, not superseded), of one kind: a level of
 * the before / during / after stages, DATA_REPORTED_LATE, or another data-quality signal; with
 * their justified closures and their notices answered by the deadline, late, or still pending.
 */
export interface SignalCounts extends CountKey {
  kind: Level | 'late_report' | 'sequence';
  raised: number;
  justified: number;
  timely: number;
  late: number;
  pending: number;
}

/** Events that occurred in the month. */
export interface EventCounts extends CountKey {
  events: number;
}

/** What the store counts for a period, one source each. */
export interface FactCounts {
  cases: CaseCounts[];
  signals: SignalCounts[];
  events: EventCounts[];
}

/** The facts of each department, item and month the counts name, in the order they first appear. */
export function factsFromCounts(counts: FactCounts): FactsRow[] {
  const byKey = new Map<string, FactsRow>();
  const factsOf = (key: CountKey): Facts => {
    const id = `${key.departmentId}\u0000${key.itemCode}\u0000${key.month}`;
    let found = byKey.get(id);
    if (!found) {
      found = {
        departmentId: key.departmentId,
        itemCode: key.itemCode,
        month: key.month,
        facts: emptyFacts(),
      };
      byKey.set(id, found);
    }
    return found.facts;
  };
  for (const row of counts.cases) {
    const facts = factsOf(row);
    facts.completed += row.completed;
    facts.onTime += row.onTime;
    facts.early += row.early;
    facts.timeUsedDays += row.timeUsedDays;
  }
  for (const row of counts.signals) {
    const facts = factsOf(row);
    const tally =
      row.kind === 'late_report'
        ? facts.lateReports
        : row.kind === 'sequence'
          ? facts.sequenceErrors
          : facts.signals[row.kind];
    tally.raised += row.raised;
    tally.justified += row.justified;
    facts.notices.timely += row.timely;
    facts.notices.late += row.late;
    facts.notices.pending += row.pending;
  }
  for (const row of counts.events) factsOf(row).events += row.events;
  return [...byKey.values()];
}
