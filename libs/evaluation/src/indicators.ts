import type { IndicatorsView, SignalIndicatorView } from '@app/contracts';
import { standing, type Facts } from './facts';

/** A rate with four decimals (0.8571), or null when its denominator is 0 (nothing to judge). */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : round(numerator / denominator, 4);
}

export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round((value + Number.EPSILON) * factor) / factor;
}

/** The indicators are the API's own type: one definition, which the page reads too. */
export type SignalIndicator = SignalIndicatorView;
export type Indicators = IndicatorsView;

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
