import { defineIrregularity } from './irregularity';
import { itemOf, ofType } from './shared';

/** A fee charged that the item does not list: another item's, or one that exists nowhere. */
export const FEE_NOT_IN_CATALOG = defineIrregularity({
  kind: 'FEE_NOT_IN_CATALOG',
  caseKinds: ['licensing'],
  compressible: true,
  money: {
    charge({ random, catalog, item }) {
      const foreign = catalog.index.data.fees.filter((candidate) => !item.feeCodes.includes(candidate.code));
      const chosen = foreign.length > 0 && random.chance(0.5) ? random.pick(foreign) : undefined;
      const feeCode = chosen?.code ?? `FEE-ZX-${random.token(3)}`;
      return { feeCode, quantity: 1, standard: chosen ? chosen.unitAmount : random.int(5, 200) * 1000 };
    },
  },
  shows: (generated, context) => {
    const item = itemOf(generated, context);
    return ofType(generated, 'fee.assessed').some(
      (event) =>
        !context.index.fees.has(event.payload.feeCode) || !item?.feeCodes.includes(event.payload.feeCode),
    );
  },
});
