import { defineIrregularity } from './irregularity';

/** Events under an item code the catalogue does not list (a variant of the item's). */
export const ITEM_NOT_IN_CATALOG = defineIrregularity({
  kind: 'ITEM_NOT_IN_CATALOG',
  caseKinds: ['licensing', 'penalty'],
  compressible: true,
  itemCode({ random, catalog, item }) {
    let code = `${item.code.replace(/-\d+$/, '')}-9${String(random.int(0, 99)).padStart(2, '0')}`;
    while (catalog.index.items.has(code)) code = `${code}X`;
    return code;
  },
  shows: (generated, { index }) => !index.items.has(generated.itemCode),
});
