import { defineIrregularity } from './irregularity';
import { at, collectsMoney, first, ofType } from './shared';

/** A fine paid twice, more than decided, or before the decision (the proposed fine). */
export const FINE_OVERPAID = defineIrregularity({
  kind: 'FINE_OVERPAID',
  caseKinds: ['penalty'],
  compressible: true,
  fits: collectsMoney,
  decide(d) {
    const decision = d.regular();
    decision.paidBeforeDecision = d.random.chance(0.3);
    return decision;
  },
  money: {
    finePayments: ({ random }, fine, pay) =>
      random.chance(0.5) ? [pay(fine + random.int(1, 20) * 10_000)] : [pay(fine), pay(fine)],
  },
  shows: (generated) => {
    const decided = first(generated, 'penalty.decided');
    const paid = ofType(generated, 'penalty.paid');
    const total = paid.reduce((sum, event) => sum + event.payload.amount, 0);
    return (
      paid.some((event) => !decided || at(event) < at(decided)) || (!!decided && total > decided.payload.fine)
    );
  },
});
