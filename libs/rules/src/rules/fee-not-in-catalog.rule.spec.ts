import { aCase, aCatalog, aFee } from '../testing/factories';
import { acceptedAt, caseOf, raisedBy } from '../testing/rule-cases';
import { FEE_NOT_IN_CATALOG } from './fee-not-in-catalog.rule';

const FEE_RULES = ['FEE_NOT_IN_CATALOG', 'FEE_ABOLISHED', 'FEE_OVER_STANDARD', 'FEE_UNDER_STANDARD'];

// The item may charge F-001 and F-OLD; F-OTHER is catalogued but not the item's; X-999 is unknown.
describe(FEE_NOT_IN_CATALOG.id, () => {
  const raised = raisedBy(...FEE_RULES);

  it.each([
    ['a fee of the item', 'F-001', 5000, []],
    ['an unknown fee code', 'X-999', 5000, ['FEE_NOT_IN_CATALOG[fee]@2026-09-15T09:00']],
    [
      'a catalogued fee the item may not charge',
      'F-OTHER',
      5000,
      ['FEE_NOT_IN_CATALOG[fee]@2026-09-15T09:00'],
    ],
    [
      'an unknown fee at a wrong amount (the check ends at the first finding)',
      'X-999',
      1,
      ['FEE_NOT_IN_CATALOG[fee]@2026-09-15T09:00'],
    ],
  ] as const)('assessing %s raises %j', (_, feeCode, amount, expected) => {
    const events = acceptedAt('2026-09-14T09:00', [
      'fee.assessed',
      '2026-09-15T09:00',
      { feeCode, amount },
      { eventId: 'fee' },
    ]);
    const catalog = aCatalog({
      fees: [
        aFee(),
        aFee({ code: 'F-OLD', effectiveTo: '2025-12-31' }),
        aFee({ code: 'F-OTHER', name: '其他收费' }),
      ],
    });

    expect(raised(events, { catalog })).toEqual(expected);
  });

  it('for an item not in the catalogue, only judges whether the fee itself is known', () => {
    const events = caseOf(
      aCase('C-1', 'NO-SUCH-ITEM'),
      ['case.accepted', '2026-09-14T09:00'],
      ['fee.assessed', '2026-09-15T09:00', { feeCode: 'F-001', amount: 5000 }],
      ['fee.assessed', '2026-09-15T10:00', { feeCode: 'X-999', amount: 5000 }],
    );

    expect(raised(events)).toEqual(['FEE_NOT_IN_CATALOG[C-1#3]@2026-09-15T10:00']);
  });
});
