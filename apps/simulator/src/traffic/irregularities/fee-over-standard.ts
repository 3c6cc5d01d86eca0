import { defineIrregularity } from './irregularity';
import { hasFeeInForce, ofType } from './shared';

/** A fee assessed above its standard amount. */
export const FEE_OVER_STANDARD = defineIrregularity({
  kind: 'FEE_OVER_STANDARD',
  caseKinds: ['licensing'],
  compressible: true,
  fits: hasFeeInForce,
  money: {
    amount: ({ random }, standard) =>
      standard + Math.max(100, Math.round((standard * random.int(10, 50)) / 100)),
  },
  shows: (generated, { index }) =>
    ofType(generated, 'fee.assessed').some((event) => {
      const fee = index.fees.get(event.payload.feeCode);
      return !!fee && event.payload.amount > fee.unitAmount * (event.payload.quantity ?? 1);
    }),
});
