import { defineIrregularity } from './irregularity';
import { at, deadlineAfter, first, itemOf } from './shared';

/** A suspension that lasts longer than its procedure allows. */
export const SUSPENSION_OVERLONG = defineIrregularity({
  kind: 'SUSPENSION_OVERLONG',
  caseKinds: ['licensing', 'penalty'],
  compressible: false,
  fits: (item) => item.suspensions.length > 0,
  amendPlan: (plan) =>
    plan.suspend({
      resumedDay: (suspendedDay, maxDays) =>
        plan.calendar.addDays(
          plan.calendar.addDays(suspendedDay, maxDays, plan.item.timeUnit),
          plan.random.int(1, 3),
        ),
    }),
  shows: (generated, context) => {
    const item = itemOf(generated, context);
    const suspended = first(generated, 'case.suspended');
    const resumed = first(generated, 'case.resumed');
    if (!item || !suspended || !resumed || at(resumed) < at(suspended)) return false;
    const maxDays =
      item.suspensions.find((allowed) => allowed.procedure === suspended.payload.procedure)?.maxDays ??
      context.index.settings.defaultSuspensionMaxDays;
    return at(resumed) >= deadlineAfter(context.index, at(suspended), maxDays, item.timeUnit);
  },
});
