import { defineIrregularity } from './irregularity';
import { itemOf, ofType } from './shared';

/** A suspension (特别程序) under a procedure the item does not list. */
export const SUSPENSION_NOT_ALLOWED = defineIrregularity({
  kind: 'SUSPENSION_NOT_ALLOWED',
  caseKinds: ['licensing', 'penalty'],
  compressible: true,
  amendPlan: (plan) => plan.suspend({ unlisted: true }),
  shows: (generated, context) => {
    const item = itemOf(generated, context);
    return ofType(generated, 'case.suspended').some(
      (event) => !item?.suspensions.some((allowed) => allowed.procedure === event.payload.procedure),
    );
  },
});
