import { aCase, runRules, summarize } from '../testing/factories';
import { SUPPLEMENT_LATE } from './supplement-late.rule';

// Submitted Monday 2026-09-14 09:00; 5 working days → the request must come before 2026-09-21 00:00.
describe(SUPPLEMENT_LATE.id, () => {
  it.each([
    ['the same day', '2026-09-14T15:00', []],
    ['1 ms before the deadline', '2026-09-20T23:59:59.999', []],
    ['exactly at the deadline', '2026-09-21T00:00', ['SUPPLEMENT_LATE[C-1#2]@2026-09-21T00:00']],
    ['a week later', '2026-09-28T10:00', ['SUPPLEMENT_LATE[C-1#2]@2026-09-28T10:00']],
  ] as const)('judges a supplement request %s', (_, when, expected) => {
    const c = aCase();
    const events = [
      c.event('case.submitted', '2026-09-14T09:00'),
      c.event('case.supplement_requested', when),
    ];

    expect(summarize(runRules(events), SUPPLEMENT_LATE.id)).toEqual(expected);
  });

  it('fires per request, with the eventId as qualifier', () => {
    const c = aCase();
    const events = [
      c.event('case.submitted', '2026-09-14T09:00'),
      c.event('case.supplement_requested', '2026-09-22T09:00', {}, { eventId: 'late-1' }),
      c.event('case.supplement_requested', '2026-09-23T09:00', {}, { eventId: 'late-2' }),
    ];

    expect(
      runRules(events)
        .filter((s) => s.ruleId === SUPPLEMENT_LATE.id)
        .map((s) => s.alertKey),
    ).toEqual(['C-1|SUPPLEMENT_LATE|late-1', 'C-1|SUPPLEMENT_LATE|late-2']);
  });

  it('does not run for an item not in the catalogue', () => {
    const c = aCase('C-1', 'NO-SUCH-ITEM');
    const events = [
      c.event('case.submitted', '2026-09-14T09:00'),
      c.event('case.supplement_requested', '2026-09-28T09:00'),
    ];

    expect(summarize(runRules(events), SUPPLEMENT_LATE.id)).toEqual([]);
  });
});
