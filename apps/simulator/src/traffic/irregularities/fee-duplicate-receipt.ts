import { defineIrregularity } from './irregularity';
import { at, collectsMoney, ofType } from './shared';

/** A payment under the receipt number of an earlier payment (of this case or another). */
export const FEE_DUPLICATE_RECEIPT = defineIrregularity({
  kind: 'FEE_DUPLICATE_RECEIPT',
  caseKinds: ['licensing', 'penalty'],
  compressible: true,
  fits: collectsMoney,
  money: { reuseReceipt: true },
  shows: (generated, { payments }) =>
    [...ofType(generated, 'fee.paid'), ...ofType(generated, 'penalty.paid')].some((event) => {
      const instants = payments.get(event.payload.receiptNo) ?? [];
      return instants.filter((instant) => instant <= at(event)).length >= 2;
    }),
});
