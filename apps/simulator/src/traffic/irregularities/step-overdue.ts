import { defineIrregularity } from './irregularity';
import { at, deadlineAfter, first, itemOf, ofType } from './shared';

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
  shows: (generated, context) => {
    const item = itemOf(generated, context);
    if (!item || first(generated, 'case.suspended')) return false;
    return ofType(generated, 'step.completed').some((completed) => {
      const step = item.steps.find((candidate) => candidate.code === completed.payload.stepCode);
      const started = ofType(generated, 'step.started').find(
        (event) => event.payload.stepCode === completed.payload.stepCode,
      );
      return (
        !!step &&
        !!started &&
        at(completed) >= deadlineAfter(context.index, at(started), step.limitDays, item.timeUnit)
      );
    });
  },
});
