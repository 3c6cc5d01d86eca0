import { acceptedAt, raisedBy, type Step } from '../testing/rule-cases';
import { FEE_OVERPAID } from './fee-overpaid.rule';

// Accepted Monday 2026-09-14 09:00; F-001 (5 000 fen a unit) assessed at 10:00, paid the next day.
describe(FEE_OVERPAID.id, () => {
  const raised = raisedBy(FEE_OVERPAID.id);

  /** An assessment of `amount` fen in all, as a quantity of 5 000-fen units. */
  const assessment = (amount: number): Step => [
    'fee.assessed',
    '2026-09-14T10:00',
    { amount: 5000, quantity: amount / 5000 },
  ];
  /** The `n`-th payment (from 0): event `pay-{n + 1}`, receipt `R-{n}`, at 10:00 + n hours. */
  const payment = (amount: number, n: number): Step => [
    'fee.paid',
    `2026-09-15T${10 + n}:00`,
    { amount, receiptNo: `R-${n}` },
    { eventId: `pay-${n + 1}` },
  ];

  it.each([
    ['paid exactly in two parts', [5000], [3000, 2000], []],
    [
      'paid 1 fen too much in the third payment',
      [5000],
      [3000, 2000, 1],
      ['FEE_OVERPAID[pay-3]@2026-09-15T12:00'],
    ],
    ['paid too much at once', [5000], [6000], ['FEE_OVERPAID[pay-1]@2026-09-15T10:00']],
    ['two assessments covering the payments', [5000, 5000], [10_000], []],
    [
      'every payment over the total fires',
      [5000],
      [6000, 1000],
      ['FEE_OVERPAID[pay-1]@2026-09-15T10:00', 'FEE_OVERPAID[pay-2]@2026-09-15T11:00'],
    ],
  ] as const)('%s raises %j', (_, assessed, payments, expected) => {
    const events = acceptedAt('2026-09-14T09:00', ...assessed.map(assessment), ...payments.map(payment));

    expect(raised(events)).toEqual(expected);
  });

  it('does not apply to a fee code never assessed (FEE_PAID_UNASSESSED does)', () => {
    const events = acceptedAt('2026-09-14T09:00', ['fee.paid', '2026-09-15T10:00', { amount: 99_999 }]);

    expect(raisedBy(FEE_OVERPAID.id, 'FEE_PAID_UNASSESSED')(events)).toEqual([
      'FEE_PAID_UNASSESSED[C-1#2]@2026-09-15T10:00',
    ]);
  });
});
