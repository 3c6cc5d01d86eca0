import { defineIrregularity } from './irregularity';

/** A suspension (特别程序) under a procedure the item does not list. */
export const SUSPENSION_NOT_ALLOWED = defineIrregularity({
  kind: 'SUSPENSION_NOT_ALLOWED',
  caseKinds: ['licensing', 'penalty'],
  compressible: true,
  amendPlan: (plan) => plan.suspend({ unlisted: true }),
});
