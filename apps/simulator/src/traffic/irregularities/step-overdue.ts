import { defineIrregularity } from './irregularity';

/** A step (环节) that overruns its limit, in a case completed as late as it may still be on time. */
export const STEP_OVERDUE = defineIrregularity({
  kind: 'STEP_OVERDUE',
  caseKinds: ['licensing', 'penalty'],
  compressible: false,
  fits: (item) => item.steps.length > 0,
  completionDay({ random, work }, clock, startDay) {
    const span = work.workdaysBetween(startDay, clock.onTimeLast);
    return work.workdayAfter(startDay, random.int(span, span));
  },
  // one of the shortest steps
  overdueStep({ random, item }) {
    if (item.steps.length === 0) return undefined;
    const smallest = Math.min(...item.steps.map((step) => step.limitDays));
    return random.pick(
      item.steps.flatMap((step, position) => (step.limitDays === smallest ? [position] : [])),
    );
  },
});
