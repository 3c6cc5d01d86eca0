import { defineIrregularity } from './irregularity';
import { SOME_MATERIALS_MISSING } from './shared';

/** Supplements (补正) asked for after the notice period. */
export const SUPPLEMENT_LATE = defineIrregularity({
  kind: 'SUPPLEMENT_LATE',
  caseKinds: ['licensing'],
  compressible: false,
  ...SOME_MATERIALS_MISSING,
  supplementOffset: ({ random, settings }) => settings.supplementNoticeDays + random.int(1, 3),
});
