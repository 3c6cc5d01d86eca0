import { defineIrregularity } from './irregularity';

/** A fee charged outside its validity dates (abolished, or not in force yet). */
export const FEE_ABOLISHED = defineIrregularity({
  kind: 'FEE_ABOLISHED',
  caseKinds: ['licensing'],
  // judged against the fee's validity dates, which a compressed case would cross
  compressible: false,
  fits: (item, startDay, catalog) => catalog.inactiveFee(item, startDay) !== undefined,
  money: { fee: ({ catalog, item }, startDay) => catalog.inactiveFee(item, startDay)?.fee },
});
