import { aCase, aCatalog, aFee, anItem, runRules, summarize } from '../testing/factories';
import { FEE_ABOLISHED } from './fee-abolished.rule';

const FEE_RULES = ['FEE_NOT_IN_CATALOG', 'FEE_ABOLISHED', 'FEE_OVER_STANDARD', 'FEE_UNDER_STANDARD'];

// F-OLD was abolished after 2025-12-31; F-NEW may be charged from 2026-10-08. Local dates count.
describe(FEE_ABOLISHED.id, () => {
  const catalog = aCatalog({
    items: [anItem({ feeCodes: ['F-001', 'F-OLD', 'F-NEW'] })],
    fees: [
      aFee({ code: 'F-001' }),
      aFee({ code: 'F-OLD', effectiveTo: '2025-12-31' }),
      aFee({ code: 'F-NEW', effectiveFrom: '2026-10-08' }),
    ],
  });

  it.each([
    ['on the last day of an abolished fee', 'F-OLD', '2025-12-31T23:59:59.999', []],
    ['the first instant after it', 'F-OLD', '2026-01-01T00:00', ['FEE_ABOLISHED[fee]@2026-01-01T00:00']],
    [
      'before a fee starts',
      'F-NEW',
      '2026-10-07T23:59:59.999',
      ['FEE_ABOLISHED[fee]@2026-10-07T23:59:59.999'],
    ],
    ['on the day it starts', 'F-NEW', '2026-10-08T00:00', []],
    ['an open-ended fee', 'F-001', '2026-01-01T00:00', []],
  ] as const)('assessing %s raises %j', (_, feeCode, when, expected) => {
    const c = aCase();
    const events = [
      c.event('case.accepted', '2025-12-30T09:00'),
      c.event('fee.assessed', when, { feeCode, amount: 5000 }, { eventId: 'fee' }),
    ];

    expect(summarize(runRules(events, { catalog }), ...FEE_RULES)).toEqual(expected);
  });

  it('ends the check: no standard-amount rule for an abolished fee', () => {
    const c = aCase();
    const events = [
      c.event('case.accepted', '2026-09-14T09:00'),
      c.event('fee.assessed', '2026-09-15T09:00', { feeCode: 'F-OLD', amount: 99_999 }),
    ];

    expect(summarize(runRules(events), ...FEE_RULES)).toEqual(['FEE_ABOLISHED[C-1#2]@2026-09-15T09:00']);
  });
});
