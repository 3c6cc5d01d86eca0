import { defineIrregularity } from './irregularity';
import { hasFeeInForce, ofType } from './shared';

/** More paid than the fee assessed. */
export const FEE_OVERPAID = defineIrregularity({
  kind: 'FEE_OVERPAID',
  caseKinds: ['licensing'],
  compressible: true,
  fits: hasFeeInForce,
  money: { paidAmount: ({ random }, assessed) => assessed + random.int(1, 20) * 1000 },
  shows: (generated) => {
    const assessed = ofType(generated, 'fee.assessed');
    return ofType(generated, 'fee.paid').some((paid) => {
      const code = paid.payload.feeCode;
      const due = assessed
        .filter((event) => event.payload.feeCode === code)
        .reduce((sum, event) => sum + event.payload.amount, 0);
      const total = ofType(generated, 'fee.paid')
        .filter((event) => event.payload.feeCode === code)
        .reduce((sum, event) => sum + event.payload.amount, 0);
      return due > 0 && total > due;
    });
  },
});
