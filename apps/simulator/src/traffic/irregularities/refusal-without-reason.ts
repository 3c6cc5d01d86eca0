import { defineIrregularity } from './irregularity';
import { blank, ofType, SOME_MATERIALS_MISSING } from './shared';

/** An application refused (不予受理) without a reason or legal basis. */
export const REFUSAL_WITHOUT_REASON = defineIrregularity({
  kind: 'REFUSAL_WITHOUT_REASON',
  caseKinds: ['licensing'],
  compressible: true,
  ...SOME_MATERIALS_MISSING,
  refusal: ({ random }) => random.pick([{}, { reason: '  ' }, { reason: '', legalBasis: '' }]),
  shows: (generated) =>
    ofType(generated, 'case.refused').some(
      (event) => blank(event.payload.reason) && blank(event.payload.legalBasis),
    ),
});
