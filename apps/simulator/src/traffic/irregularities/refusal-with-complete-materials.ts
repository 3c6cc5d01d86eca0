import { REFUSAL_REASONS } from '../names';
import { defineIrregularity } from './irregularity';

/** A complete application refused for missing materials. */
export const REFUSAL_WITH_COMPLETE_MATERIALS = defineIrregularity({
  kind: 'REFUSAL_WITH_COMPLETE_MATERIALS',
  caseKinds: ['licensing'],
  compressible: true,
  missingMaterials: () => 0,
  refusal: ({ random }) => ({ ...random.pick(REFUSAL_REASONS.slice(0, 2)) }),
});
