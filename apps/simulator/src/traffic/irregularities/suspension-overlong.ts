import { defineIrregularity } from './irregularity';

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
});
