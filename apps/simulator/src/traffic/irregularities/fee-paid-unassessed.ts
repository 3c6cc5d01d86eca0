import { defineIrregularity } from './irregularity';
import { at, ofType } from './shared';

/** A fee paid that was never assessed. */
export const FEE_PAID_UNASSESSED = defineIrregularity({
  kind: 'FEE_PAID_UNASSESSED',
  caseKinds: ['licensing'],
  compressible: true,
  money: { unassessed: true },
  shows: (generated) =>
    ofType(generated, 'fee.paid').some(
      (paid) =>
        !ofType(generated, 'fee.assessed').some(
          (assessed) => assessed.payload.feeCode === paid.payload.feeCode && at(assessed) <= at(paid),
        ),
    ),
});
