import { REFUSAL_REASONS } from '../names';
import { defineIrregularity } from './irregularity';
import { first, itemOf, ofType } from './shared';

/** A complete application refused for missing materials. */
export const REFUSAL_WITH_COMPLETE_MATERIALS = defineIrregularity({
  kind: 'REFUSAL_WITH_COMPLETE_MATERIALS',
  caseKinds: ['licensing'],
  compressible: true,
  missingMaterials: () => 0,
  refusal: ({ random }) => ({ ...random.pick(REFUSAL_REASONS.slice(0, 2)) }),
  shows: (generated, context) => {
    const item = itemOf(generated, context);
    if (!item || !first(generated, 'case.refused')) return false;
    const materials = new Set([
      ...ofType(generated, 'case.submitted').flatMap((event) => event.payload.materials),
      ...ofType(generated, 'case.supplemented').flatMap((event) => event.payload.materials),
    ]);
    return item.requiredMaterials.every((material) => materials.has(material));
  },
});
