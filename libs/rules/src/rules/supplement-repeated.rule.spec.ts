import { aCase } from '../testing/factories';
import { caseOf, raisedBy, submittedAt, type Step } from '../testing/rule-cases';
import { SUPPLEMENT_REPEATED } from './supplement-repeated.rule';

describe(SUPPLEMENT_REPEATED.id, () => {
  const raised = raisedBy(SUPPLEMENT_REPEATED.id);

  it.each([
    [1, []],
    [2, ['SUPPLEMENT_REPEATED[]@2026-09-16T09:00']],
    [3, ['SUPPLEMENT_REPEATED[]@2026-09-16T09:00']],
  ] as const)(
    'with %i supplement request(s) raises %j (once per case, at the second)',
    (requests, expected) => {
      // submitted Monday 2026-09-14 09:00; the requests follow a day apart from Sep 15 09:00
      const requested = Array.from(
        { length: requests },
        (_, n): Step => ['case.supplement_requested', `2026-09-${15 + n}T09:00`],
      );

      expect(raised(submittedAt('2026-09-14T09:00', ...requested))).toEqual(expected);
    },
  );

  it('does not count a request that came out of sequence', () => {
    const events = caseOf(
      aCase(),
      ['case.supplement_requested', '2026-09-14T08:00'],
      ['case.submitted', '2026-09-14T09:00'],
      ['case.supplement_requested', '2026-09-15T09:00'],
    );

    expect(raisedBy(SUPPLEMENT_REPEATED.id, 'DATA_OUT_OF_SEQUENCE')(events)).toEqual([
      'DATA_OUT_OF_SEQUENCE[C-1#1]@2026-09-14T08:00',
    ]);
  });
});
