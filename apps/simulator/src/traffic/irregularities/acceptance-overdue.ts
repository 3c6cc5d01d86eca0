import { defineIrregularity } from './irregularity';

/** A complete application accepted after the acceptance period (受理期限). */
export const ACCEPTANCE_OVERDUE = defineIrregularity({
  kind: 'ACCEPTANCE_OVERDUE',
  caseKinds: ['licensing'],
  compressible: false,
  missingMaterials: () => 0,
  acceptanceOffset: ({ random, settings }) => settings.acceptanceDays + random.int(1, 4),
});
