import type { ApprovalEvent } from '@app/contracts';
import { aCase, runRules, summarize } from '../testing/factories';
import { SUPPLEMENT_REPEATED } from './supplement-repeated.rule';

describe(SUPPLEMENT_REPEATED.id, () => {
  it.each([
    [1, []],
    [2, ['SUPPLEMENT_REPEATED[]@2026-09-16T09:00']],
    [3, ['SUPPLEMENT_REPEATED[]@2026-09-16T09:00']],
  ] as const)(
    'with %i supplement request(s) raises %j (once per case, at the second)',
    (requests, expected) => {
      const c = aCase();
      const events: ApprovalEvent[] = [c.event('case.submitted', '2026-09-14T09:00')];
      for (let n = 1; n <= requests; n += 1) {
        events.push(c.event('case.supplement_requested', `2026-09-${14 + n}T09:00`));
      }

      expect(summarize(runRules(events), SUPPLEMENT_REPEATED.id)).toEqual(expected);
    },
  );

  it('does not count a request that came out of sequence', () => {
    const c = aCase();
    const events: ApprovalEvent[] = [
      c.event('case.supplement_requested', '2026-09-14T08:00'),
      c.event('case.submitted', '2026-09-14T09:00'),
      c.event('case.supplement_requested', '2026-09-15T09:00'),
    ];

    expect(summarize(runRules(events), SUPPLEMENT_REPEATED.id, 'DATA_OUT_OF_SEQUENCE')).toEqual([
      'DATA_OUT_OF_SEQUENCE[C-1#1]@2026-09-14T08:00',
    ]);
  });
});
