import { defineIrregularity } from './irregularity';
import { hasFeeInForce } from './shared';

/** More paid than the fee assessed. */
export const FEE_OVERPAID = defineIrregularity({
  kind: 'FEE_OVERPAID',
  caseKinds: ['licensing'],
  compressible: true,
  fits: hasFeeInForce,
  money: { paidAmount: ({ random }, assessed) => assessed + random.int(1, 20) * 1000 },
});
