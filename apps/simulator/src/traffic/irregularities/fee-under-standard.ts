import { defineIrregularity } from './irregularity';
import { hasFeeInForce, ofType } from './shared';

/** A fee assessed below its standard amount. */
export const FEE_UNDER_STANDARD = defineIrregularity({
  kind: 'FEE_UNDER_STANDARD',
  caseKinds: ['licensing'],
  compressible: true,
  fits: hasFeeInForce,
  money: { amount: ({ random }, standard) => Math.floor((standard * random.int(50, 90)) / 100) },
  shows: (generated, { index }) =>
    ofType(generated, 'fee.assessed').some((event) => {
      const fee = index.fees.get(event.payload.feeCode);
      return !!fee && event.payload.amount < fee.unitAmount * (event.payload.quantity ?? 1);
    }),
});
