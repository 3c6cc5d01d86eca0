import { acceptedAt, aroundDeadline, itRaises, raisedBy, type Step } from '../testing/rule-cases';
import { STEP_OVERDUE } from './step-overdue.rule';

// Step `review` has a 2-working-day limit: started Monday 2026-09-21 → due 2026-09-24 00:00.
describe(STEP_OVERDUE.id, () => {
  /** Case C-1 accepted Monday 2026-09-21 08:00, then `later`. */
  const accepted = (...later: Step[]) => acceptedAt('2026-09-21T08:00', ...later);
  /** Accepted Monday 08:00, step `review` started at 09:00, then `later`. */
  const reviewStarted = (...later: Step[]) => accepted(['step.started', '2026-09-21T09:00'], ...later);
  const raised = raisedBy(STEP_OVERDUE.id);

  itRaises(
    raised,
    (completedAt) => reviewStarted(['step.completed', completedAt]),
    aroundDeadline('completed', '2026-09-24T00:00', ['STEP_OVERDUE[review#1]@2026-09-24T00:00']),
  );

  it('qualifies each start of a step by its number', () => {
    const events = reviewStarted(
      ['step.completed', '2026-09-22T09:00', { outcome: 'return' }],
      ['step.started', '2026-09-22T10:00'],
    );

    // second start: 2 working days after Sep 22 = Sep 24 → due Sep 25 00:00
    expect(raised(events, { until: '2026-09-30T00:00' })).toEqual([
      'STEP_OVERDUE[review#2]@2026-09-25T00:00',
    ]);
  });

  it('has no limit for a step the item does not list', () => {
    const events = accepted(['step.started', '2026-09-21T09:00', { stepCode: 'site-visit' }]);

    expect(raised(events, { until: '2026-12-31T00:00' })).toEqual([]);
  });

  it('pauses while suspended and moves by k after the resumption', () => {
    const events = reviewStarted(
      ['case.suspended', '2026-09-22T10:00'],
      ['case.resumed', '2026-09-28T09:00'],
    );

    // k = 3 (Sep 23, 24, 28): last day Sep 23 → Sep 29, due Sep 30 00:00
    expect(raised(events, { until: '2026-09-28T12:00' })).toEqual([]);
    expect(raised(events, { until: '2026-12-31T00:00' })).toEqual([
      'STEP_OVERDUE[review#1]@2026-09-30T00:00',
    ]);
  });

  it('falls due at the resumption when the move leaves it before (resumed on a holiday)', () => {
    const events = reviewStarted(
      ['case.suspended', '2026-09-23T10:00'],
      ['case.resumed', '2026-09-26T10:00'],
    );

    // k = 1 (Sep 24): last day Sep 23 → Sep 24, due Sep 25 00:00 < Tr = Sep 26 10:00
    expect(raised(events, { until: '2026-09-26T10:00' })).toEqual([
      'STEP_OVERDUE[review#1]@2026-09-26T10:00',
    ]);
  });

  it('stops with the case', () => {
    const events = reviewStarted(['case.completed', '2026-09-22T09:00']);

    expect(raised(events, { until: '2026-12-31T00:00' })).toEqual([]);
  });
});
