import { defineIrregularity } from './irregularity';
import { collectsMoney } from './shared';

/** A payment under the receipt number of an earlier payment (of this case or another). */
export const FEE_DUPLICATE_RECEIPT = defineIrregularity({
  kind: 'FEE_DUPLICATE_RECEIPT',
  caseKinds: ['licensing', 'penalty'],
  compressible: true,
  fits: collectsMoney,
  money: { reuseReceipt: true },
});
