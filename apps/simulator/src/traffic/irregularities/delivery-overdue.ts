import { defineIrregularity } from './irregularity';
import { at, deadlineAfter, first, ofType } from './shared';

/** An approval delivered (送达) after the delivery period. */
export const DELIVERY_OVERDUE = defineIrregularity({
  kind: 'DELIVERY_OVERDUE',
  caseKinds: ['licensing'],
  compressible: false,
  result: () => ({ result: 'approved' }),
  deliveryOffset: ({ random, settings }) => settings.deliveryDays + random.int(1, 5),
  shows: (generated, { index }) => {
    const approved = ofType(generated, 'case.completed').find((event) => event.payload.result === 'approved');
    if (!approved) return false;
    const delivered = first(generated, 'case.delivered');
    return !delivered || at(delivered) >= deadlineAfter(index, at(approved), index.settings.deliveryDays);
  },
});
