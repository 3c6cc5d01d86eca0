import { defineIrregularity } from './irregularity';

/** An application denied (不予许可) without a reason or legal basis. */
export const DENIAL_WITHOUT_REASON = defineIrregularity({
  kind: 'DENIAL_WITHOUT_REASON',
  caseKinds: ['licensing'],
  compressible: true,
  result: ({ random }) => ({
    result: 'denied',
    ...random.pick([{}, { reason: '' }, { reason: ' ', legalBasis: '' }]),
  }),
});
