import { defineIrregularity } from './irregularity';
import { collectsMoney, ofType } from './shared';

/** A fee or fine paid to the department instead of the treasury or its bank (收缴分离). */
export const PAYEE_NOT_TREASURY = defineIrregularity({
  kind: 'PAYEE_NOT_TREASURY',
  caseKinds: ['licensing', 'penalty'],
  compressible: true,
  fits: collectsMoney,
  money: { payee: 'department' },
  shows: (generated, { index }) =>
    ofType(generated, 'fee.paid').some((event) => event.payload.payee === 'department') ||
    ofType(generated, 'penalty.paid').some(
      (event) =>
        event.payload.payee === 'department' && event.payload.amount > index.settings.onSpotFineLimit,
    ),
});
