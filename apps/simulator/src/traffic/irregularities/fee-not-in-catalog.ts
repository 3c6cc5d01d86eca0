import { defineIrregularity } from './irregularity';

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
});
