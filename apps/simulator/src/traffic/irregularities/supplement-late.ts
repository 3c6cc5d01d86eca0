import { defineIrregularity } from './irregularity';
import { at, deadlineAfter, first, ofType, SOME_MATERIALS_MISSING } from './shared';

/** Supplements (补正) asked for after the notice period. */
export const SUPPLEMENT_LATE = defineIrregularity({
  kind: 'SUPPLEMENT_LATE',
  caseKinds: ['licensing'],
  compressible: false,
  ...SOME_MATERIALS_MISSING,
  supplementOffset: ({ random, settings }) => settings.supplementNoticeDays + random.int(1, 3),
  shows: (generated, { index }) => {
    const submitted = first(generated, 'case.submitted');
    return (
      !!submitted &&
      ofType(generated, 'case.supplement_requested').some(
        (event) => at(event) >= deadlineAfter(index, at(submitted), index.settings.supplementNoticeDays),
      )
    );
  },
});
