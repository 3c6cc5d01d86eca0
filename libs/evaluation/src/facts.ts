import type { Level } from '@app/contracts';

/**
 * Signals of one kind in a period. `raised` counts the signals that stand on the wall: neither
 * retracted (late data proved them wrong) nor superseded by a higher signal of their family (a red
 * replaces the yellow and the warning of the same case). `justified` counts those of them a
 * supervisor closed as justified (销号: 情况属实，理由正当), which cancels their deduction.
 */
export interface SignalTally {
  raised: number;
  justified: number;
}

/**
 * Supervision notices (督办): yellow and red signals with a response deadline. `timely` were
 * answered (情况说明/整改) by the deadline; `late` were answered after it, or not at all and the
 * deadline passed; `pending` are unanswered with the deadline still ahead.
 */
export interface NoticeTally {
  timely: number;
  late: number;
  pending: number;
}

/** What the evaluation counts for one department (or one item) in one month, or summed over several. */
export interface Facts {
  /** Cases whose clock stopped in the period (办结 or 处罚决定). */
  completed: number;
  /** Of those, stopped before the promised deadline (moved by suspensions and extensions). */
  onTime: number;
  /** Of those, used fewer units than the item's promised limit (提前办结). */
  early: number;
  /** Units used against the limits, summed over the completed cases. */
  timeUsedDays: number;
  /** Signals of the before / during / after stages raised in the period, by level. */
  signals: Record<Level, SignalTally>;
  /** DATA_REPORTED_LATE: events reported more than `reportingDelayHours` after they occurred. */
  lateReports: SignalTally;
  /** The other data-quality signals (DATA_OUT_OF_SEQUENCE): missing or disordered steps. */
  sequenceErrors: SignalTally;
  notices: NoticeTally;
  /** Events that occurred in the period (the data-timeliness denominator). */
  events: number;
}

/** One department's, item's and month's facts, as the store reads them. */
export interface FactsRow {
  departmentId: string;
  itemCode: string;
  /** `YYYY-MM`. */
  month: string;
  facts: Facts;
}

const tally = (): SignalTally => ({ raised: 0, justified: 0 });

export function emptyFacts(): Facts {
  return {
    completed: 0,
    onTime: 0,
    early: 0,
    timeUsedDays: 0,
    signals: { warning: tally(), yellow: tally(), red: tally() },
    lateReports: tally(),
    sequenceErrors: tally(),
    notices: { timely: 0, late: 0, pending: 0 },
    events: 0,
  };
}

function addTally(into: SignalTally, from: SignalTally): void {
  into.raised += from.raised;
  into.justified += from.justified;
}

/** Adds `from` into `into` (mutates and returns `into`). */
export function addFacts(into: Facts, from: Facts): Facts {
  into.completed += from.completed;
  into.onTime += from.onTime;
  into.early += from.early;
  into.timeUsedDays += from.timeUsedDays;
  addTally(into.signals.warning, from.signals.warning);
  addTally(into.signals.yellow, from.signals.yellow);
  addTally(into.signals.red, from.signals.red);
  addTally(into.lateReports, from.lateReports);
  addTally(into.sequenceErrors, from.sequenceErrors);
  into.notices.timely += from.notices.timely;
  into.notices.late += from.notices.late;
  into.notices.pending += from.notices.pending;
  into.events += from.events;
  return into;
}

/** The facts of a tally that still count against the department: raised and not justified. */
export const standing = (t: SignalTally): number => t.raised - t.justified;

/** Sums rows by a key (department, item, month…). */
export function sumBy(rows: readonly FactsRow[], key: (row: FactsRow) => string): Map<string, Facts> {
  const sums = new Map<string, Facts>();
  for (const row of rows) {
    const k = key(row);
    let facts = sums.get(k);
    if (!facts) {
      facts = emptyFacts();
      sums.set(k, facts);
    }
    addFacts(facts, row.facts);
  }
  return sums;
}
