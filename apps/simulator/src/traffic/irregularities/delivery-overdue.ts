import { defineIrregularity } from './irregularity';

/** An approval delivered (送达) after the delivery period. */
export const DELIVERY_OVERDUE = defineIrregularity({
  kind: 'DELIVERY_OVERDUE',
  caseKinds: ['licensing'],
  compressible: false,
  result: () => ({ result: 'approved' }),
  deliveryOffset: ({ random, settings }) => settings.deliveryDays + random.int(1, 5),
});
