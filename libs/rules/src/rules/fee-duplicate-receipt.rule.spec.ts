import { aCase, runRules, summarize } from '../testing/factories';
import { FEE_DUPLICATE_RECEIPT } from './fee-duplicate-receipt.rule';

describe(FEE_DUPLICATE_RECEIPT.id, () => {
  it.each([
    ['distinct receipts', 'R-1', 'R-2', 'C-2', []],
    [
      'a receipt used again in another case',
      'R-1',
      'R-1',
      'C-2',
      ['FEE_DUPLICATE_RECEIPT[second]@2026-09-15T11:00'],
    ],
    [
      'a receipt used again in the same case',
      'R-1',
      'R-1',
      'C-1',
      ['FEE_DUPLICATE_RECEIPT[second]@2026-09-15T11:00'],
    ],
  ] as const)('%s raises %j', (_, first, second, secondCase, expected) => {
    const one = aCase('C-1');
    const other = secondCase === 'C-1' ? one : aCase(secondCase);
    const events = [
      one.event('fee.paid', '2026-09-15T10:00', { receiptNo: first }, { eventId: 'first' }),
      other.event('fee.paid', '2026-09-15T11:00', { receiptNo: second }, { eventId: 'second' }),
    ];

    expect(summarize(runRules(events), FEE_DUPLICATE_RECEIPT.id)).toEqual(expected);
  });

  it('spans fee and fine payments, and names the first use', () => {
    const fee = aCase('C-1');
    const fine = aCase('P-1', 'CF-001');
    const events = [
      fee.event('fee.paid', '2026-09-15T10:00', { receiptNo: 'R-7' }, { eventId: 'fee-payment' }),
      fine.event('penalty.paid', '2026-09-16T10:00', { receiptNo: 'R-7' }, { eventId: 'fine-payment' }),
    ];

    const signal = runRules(events).find((s) => s.ruleId === FEE_DUPLICATE_RECEIPT.id);

    expect(signal).toMatchObject({
      alertKey: 'P-1|FEE_DUPLICATE_RECEIPT|fine-payment',
      details: { receiptNo: 'R-7', firstUsedBy: 'fee-payment', firstUsedInCase: 'C-1' },
    });
  });

  it('at one instant, the payment that arrived second is the duplicate', () => {
    const events = [
      aCase('C-2').event('fee.paid', '2026-09-15T10:00', { receiptNo: 'R-1' }, { eventId: 'arrived-first' }),
      aCase('C-1').event('fee.paid', '2026-09-15T10:00', { receiptNo: 'R-1' }, { eventId: 'arrived-second' }),
    ];

    expect(
      runRules(events)
        .filter((s) => s.ruleId === FEE_DUPLICATE_RECEIPT.id)
        .map((s) => s.triggeredBy),
    ).toEqual(['arrived-second']);
  });
});
