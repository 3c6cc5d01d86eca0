import { aCase, runRules, summarize } from '../testing/factories';
import { acceptedAt, raisedBy, type Step } from '../testing/rule-cases';
import { FEE_PAID_UNASSESSED } from './fee-paid-unassessed.rule';

describe(FEE_PAID_UNASSESSED.id, () => {
  const raised = raisedBy(FEE_PAID_UNASSESSED.id);

  it.each([
    ['assessed before', [['fee.assessed', 'F-001']], 'F-001', false],
    ['never assessed', [], 'F-001', true],
    ['another fee assessed', [['fee.assessed', 'F-OLD']], 'F-001', true],
  ] as const)('a payment with the fee %s fires: %s', (_, before, paidFee, fires) => {
    const events = acceptedAt(
      '2026-09-14T09:00',
      ...before.map(([, feeCode]): Step => ['fee.assessed', '2026-09-14T10:00', { feeCode, amount: 5000 }]),
      ['fee.paid', '2026-09-15T10:00', { feeCode: paidFee, receiptNo: 'R-1' }, { eventId: 'payment' }],
    );

    expect(raised(events)).toEqual(fires ? ['FEE_PAID_UNASSESSED[payment]@2026-09-15T10:00'] : []);
  });

  it('judges a payment even before the case starts (a payment is always in sequence)', () => {
    const c = aCase();

    expect(summarize(runRules([c.event('fee.paid', '2026-09-14T09:00')]))).toEqual([
      'FEE_PAID_UNASSESSED[C-1#1]@2026-09-14T09:00',
    ]);
  });

  it('is not cured by an assessment that comes later', () => {
    const events = acceptedAt(
      '2026-09-14T09:00',
      ['fee.paid', '2026-09-15T10:00'],
      ['fee.assessed', '2026-09-15T11:00'],
    );

    expect(raised(events)).toEqual(['FEE_PAID_UNASSESSED[C-1#2]@2026-09-15T10:00']);
  });
});
