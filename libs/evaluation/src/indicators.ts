import type { Level } from '@app/contracts';
import { standing, type Facts, type NoticeTally } from './facts';

/** A rate with four decimals (0.8571), or null when its denominator is 0 (nothing to judge). */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : round(numerator / denominator, 4);
}

export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round((value + Number.EPSILON) * factor) / factor;
}

export interface SignalIndicator {
  raised: number;
  justified: number;
  /** Raised and not closed as justified: what the score deducts for. */
  standing: number;
}

/** The indicators an office publishes per department and per item (考核指标). */
export interface Indicators {
  /** 办结件数 */
  completed: number;
  onTime: number;
  /** 按时办结率: on time / completed. */
  onTimeRate: number | null;
  early: number;
  /** 提前办结率: early / completed. */
  earlyRate: number | null;
  /** 平均用时: units used per completed case, two decimals. */
  averageDaysUsed: number | null;
  /** 预警、黄牌、红牌 */
  signals: Record<Level, SignalIndicator>;
  notices: NoticeTally;
  /** 督办回复及时率: timely / (timely + late); pending notices are not judged yet. */
  responseTimeliness: number | null;
  events: number;
  lateReports: number;
  /** 数据报送及时率: 1 − late reports / events. */
  dataTimeliness: number | null;
  sequenceErrors: number;
}

const signalIndicator = (t: { raised: number; justified: number }): SignalIndicator => ({
  raised: t.raised,
  justified: t.justified,
  standing: standing(t),
});

export function indicatorsOf(facts: Facts): Indicators {
  const judged = facts.notices.timely + facts.notices.late;
  return {
    completed: facts.completed,
    onTime: facts.onTime,
    onTimeRate: ratio(facts.onTime, facts.completed),
    early: facts.early,
    earlyRate: ratio(facts.early, facts.completed),
    averageDaysUsed: facts.completed === 0 ? null : round(facts.timeUsedDays / facts.completed, 2),
    signals: {
      warning: signalIndicator(facts.signals.warning),
      yellow: signalIndicator(facts.signals.yellow),
      red: signalIndicator(facts.signals.red),
    },
    notices: { ...facts.notices },
    responseTimeliness: ratio(facts.notices.timely, judged),
    events: facts.events,
    lateReports: facts.lateReports.raised,
    dataTimeliness: facts.events === 0 ? null : round(1 - facts.lateReports.raised / facts.events, 4),
    sequenceErrors: facts.sequenceErrors.raised,
  };
}
