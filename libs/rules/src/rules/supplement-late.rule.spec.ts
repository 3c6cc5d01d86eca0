import { aCase, runRules, summarize } from '../testing/factories';
import {
  aroundDeadline,
  caseOf,
  itRaises,
  raisedBy,
  signalsOf,
  submittedAt,
  type Step,
} from '../testing/rule-cases';
import { SUPPLEMENT_LATE } from './supplement-late.rule';

// Submitted Monday 2026-09-14 09:00; 5 working days → the request must come before 2026-09-21 00:00.
describe(SUPPLEMENT_LATE.id, () => {
  /** Case C-1 submitted Monday 2026-09-14 09:00, then `later`. */
  const submitted = (...later: Step[]) => submittedAt('2026-09-14T09:00', ...later);
  const raised = raisedBy(SUPPLEMENT_LATE.id);

  itRaises(raised, (when) => submitted(['case.supplement_requested', when]), [
    ['requested the same day', '2026-09-14T15:00', []],
    ...aroundDeadline('requested', '2026-09-21T00:00', ['SUPPLEMENT_LATE[C-1#2]@2026-09-21T00:00']),
    ['requested a week later', '2026-09-28T10:00', ['SUPPLEMENT_LATE[C-1#2]@2026-09-28T10:00']],
  ]);

  it('fires per request, with the eventId as qualifier', () => {
    const events = submitted(
      ['case.supplement_requested', '2026-09-22T09:00', {}, { eventId: 'late-1' }],
      ['case.supplement_requested', '2026-09-23T09:00', {}, { eventId: 'late-2' }],
    );

    expect(signalsOf(runRules(events), SUPPLEMENT_LATE.id).map((s) => s.alertKey)).toEqual([
      'C-1|SUPPLEMENT_LATE|late-1',
      'C-1|SUPPLEMENT_LATE|late-2',
    ]);
  });

  it('does not run for an item not in the catalogue', () => {
    const events = caseOf(
      aCase('C-1', 'NO-SUCH-ITEM'),
      ['case.submitted', '2026-09-14T09:00'],
      ['case.supplement_requested', '2026-09-28T09:00'],
    );

    expect(summarize(runRules(events), SUPPLEMENT_LATE.id)).toEqual([]);
  });
});
