import { aCase, aCatalog, aFee, runRules, summarize } from '../testing/factories';
import { FEE_OVER_STANDARD, standardAmount } from './fee-over-standard.rule';

const STANDARD_RULES = ['FEE_OVER_STANDARD', 'FEE_UNDER_STANDARD'];

describe(FEE_OVER_STANDARD.id, () => {
  const catalog = aCatalog({
    fees: [aFee({ code: 'F-001', unitAmount: 5000 }), aFee({ code: 'F-OLD', unitAmount: 100 })],
  });

  it.each([
    ['the standard', 'F-001', undefined, 5000, []],
    ['1 fen over', 'F-001', undefined, 5001, ['FEE_OVER_STANDARD[fee]@2026-09-15T09:00']],
    ['2 units at the standard', 'F-001', 2, 10_000, []],
    ['2 units charged as 3', 'F-001', 2, 15_000, ['FEE_OVER_STANDARD[fee]@2026-09-15T09:00']],
    ['1.5 units', 'F-001', 1.5, 7500, []],
    ['0.7 units of 100 fen (binary floating point)', 'F-OLD', 0.7, 70, []],
    ['0.7 units of 100 fen charged 71', 'F-OLD', 0.7, 71, ['FEE_OVER_STANDARD[fee]@2026-09-15T09:00']],
  ] as const)('assessing %s raises %j', (_, feeCode, quantity, amount, expected) => {
    const c = aCase();
    const events = [
      c.event('case.accepted', '2026-09-14T09:00'),
      c.event('fee.assessed', '2026-09-15T09:00', { feeCode, quantity, amount }, { eventId: 'fee' }),
    ];

    expect(summarize(runRules(events, { catalog }), ...STANDARD_RULES)).toEqual(expected);
  });

  it.each([
    [5000, undefined, 5000],
    [100, 0.7, 70],
    [3, 0.5, 1.5],
  ])('standardAmount(%d, %p) = %d', (unitAmount, quantity, expected) => {
    expect(standardAmount(unitAmount, quantity)).toBe(expected);
  });
});
