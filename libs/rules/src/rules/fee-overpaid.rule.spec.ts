import type { ApprovalEvent } from '@app/contracts';
import { aCase, runRules, summarize } from '../testing/factories';
import { FEE_OVERPAID } from './fee-overpaid.rule';

describe(FEE_OVERPAID.id, () => {
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
    const c = aCase();
    const events: ApprovalEvent[] = [c.event('case.accepted', '2026-09-14T09:00')];
    for (const amount of assessed)
      events.push(c.event('fee.assessed', '2026-09-14T10:00', { amount: 5000, quantity: amount / 5000 }));
    payments.forEach((amount, index) =>
      events.push(
        c.event(
          'fee.paid',
          `2026-09-15T${10 + index}:00`,
          { amount, receiptNo: `R-${index}` },
          { eventId: `pay-${index + 1}` },
        ),
      ),
    );

    expect(summarize(runRules(events), FEE_OVERPAID.id)).toEqual(expected);
  });

  it('does not apply to a fee code never assessed (FEE_PAID_UNASSESSED does)', () => {
    const c = aCase();
    const events: ApprovalEvent[] = [
      c.event('case.accepted', '2026-09-14T09:00'),
      c.event('fee.paid', '2026-09-15T10:00', { amount: 99_999 }),
    ];

    expect(summarize(runRules(events), FEE_OVERPAID.id, 'FEE_PAID_UNASSESSED')).toEqual([
      'FEE_PAID_UNASSESSED[C-1#2]@2026-09-15T10:00',
    ]);
  });
});
