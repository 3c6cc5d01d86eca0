import { defineIrregularity } from './irregularity';

/** A fee paid that was never assessed. */
export const FEE_PAID_UNASSESSED = defineIrregularity({
  kind: 'FEE_PAID_UNASSESSED',
  caseKinds: ['licensing'],
  compressible: true,
  money: { unassessed: true },
});
