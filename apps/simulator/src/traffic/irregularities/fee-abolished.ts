import { defineIrregularity } from './irregularity';
import { at, ofType } from './shared';

/** A fee charged outside its validity dates (abolished, or not in force yet). */
export const FEE_ABOLISHED = defineIrregularity({
  kind: 'FEE_ABOLISHED',
  caseKinds: ['licensing'],
  // judged against the fee's validity dates, which a compressed case would cross
  compressible: false,
  fits: (item, startDay, catalog) => catalog.inactiveFee(item, startDay) !== undefined,
  money: { fee: ({ catalog, item }, startDay) => catalog.inactiveFee(item, startDay)?.fee },
  shows: (generated, { index }) =>
    ofType(generated, 'fee.assessed').some((event) => {
      const fee = index.fees.get(event.payload.feeCode);
      const day = index.calendar.format(index.calendar.dateOf(at(event)));
      return !!fee && (day < fee.effectiveFrom || (fee.effectiveTo !== null && day > fee.effectiveTo));
    }),
});
