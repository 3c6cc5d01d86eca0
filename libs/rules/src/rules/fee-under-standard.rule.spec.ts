import { aCase, runRules, summarize } from '../testing/factories';
import { FEE_UNDER_STANDARD } from './fee-under-standard.rule';

const STANDARD_RULES = ['FEE_OVER_STANDARD', 'FEE_UNDER_STANDARD'];

// F-001: 5000 fen per unit.
describe(FEE_UNDER_STANDARD.id, () => {
  it.each([
    ['the standard', undefined, 5000, []],
    ['1 fen under', undefined, 4999, ['FEE_UNDER_STANDARD[fee]@2026-09-15T09:00']],
    ['nothing', undefined, 0, ['FEE_UNDER_STANDARD[fee]@2026-09-15T09:00']],
    ['3 units charged as 2', 3, 10_000, ['FEE_UNDER_STANDARD[fee]@2026-09-15T09:00']],
  ] as const)('assessing %s raises %j', (_, quantity, amount, expected) => {
    const c = aCase();
    const events = [
      c.event('case.accepted', '2026-09-14T09:00'),
      c.event('fee.assessed', '2026-09-15T09:00', { feeCode: 'F-001', quantity, amount }, { eventId: 'fee' }),
    ];

    expect(summarize(runRules(events), ...STANDARD_RULES)).toEqual(expected);
  });

  it('judges assessments before acceptance, not those after completion (out of sequence)', () => {
    const c = aCase();
    const events = [
      c.event('case.submitted', '2026-09-14T09:00'),
      c.event('fee.assessed', '2026-09-14T10:00', { amount: 1 }),
      c.event('case.accepted', '2026-09-15T09:00'),
      c.event('case.completed', '2026-09-16T09:00'),
      c.event('fee.assessed', '2026-09-16T10:00', { amount: 1 }),
    ];

    expect(summarize(runRules(events), ...STANDARD_RULES, 'DATA_OUT_OF_SEQUENCE')).toEqual([
      'FEE_UNDER_STANDARD[C-1#2]@2026-09-14T10:00',
      'DATA_OUT_OF_SEQUENCE[C-1#5]@2026-09-16T10:00',
    ]);
  });
});
