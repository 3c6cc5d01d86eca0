import { defineIrregularity } from './irregularity';
import { ofType } from './shared';

/** The party evaluates the service as dissatisfied (差评). */
export const EVALUATION_DISSATISFIED = defineIrregularity({
  kind: 'EVALUATION_DISSATISFIED',
  caseKinds: ['licensing'],
  compressible: true,
  evaluationScore: ({ random, settings }) => random.int(1, settings.dissatisfiedScore),
  shows: (generated, { index }) =>
    ofType(generated, 'case.evaluated').some(
      (event) => event.payload.score <= index.settings.dissatisfiedScore,
    ),
});
