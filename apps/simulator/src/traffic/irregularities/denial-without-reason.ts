import { defineIrregularity } from './irregularity';
import { blank, ofType } from './shared';

/** An application denied (不予许可) without a reason or legal basis. */
export const DENIAL_WITHOUT_REASON = defineIrregularity({
  kind: 'DENIAL_WITHOUT_REASON',
  caseKinds: ['licensing'],
  compressible: true,
  result: ({ random }) => ({
    result: 'denied',
    ...random.pick([{}, { reason: '' }, { reason: ' ', legalBasis: '' }]),
  }),
  shows: (generated) =>
    ofType(generated, 'case.completed').some(
      (event) =>
        event.payload.result === 'denied' && blank(event.payload.reason) && blank(event.payload.legalBasis),
    ),
});
