import { defineIrregularity } from './irregularity';
import { at, deadlineAfter, first } from './shared';

/** A complete application accepted after the acceptance period (受理期限). */
export const ACCEPTANCE_OVERDUE = defineIrregularity({
  kind: 'ACCEPTANCE_OVERDUE',
  caseKinds: ['licensing'],
  compressible: false,
  missingMaterials: () => 0,
  acceptanceOffset: ({ random, settings }) => settings.acceptanceDays + random.int(1, 4),
  shows: (generated, { index }) => {
    const submitted = first(generated, 'case.submitted');
    const answer = generated.events.find((event) =>
      ['case.accepted', 'case.refused', 'case.supplement_requested'].includes(event.type),
    );
    return (
      !!submitted &&
      !!answer &&
      at(answer) >= deadlineAfter(index, at(submitted), index.settings.acceptanceDays)
    );
  },
});
