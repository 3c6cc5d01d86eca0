import { aCatalog, aPenaltyItem, runRules, summarize } from '../testing/factories';
import {
  acceptedAt,
  aroundDeadline,
  filedAt,
  itRaises,
  raisedBy,
  signalOf,
  type Step,
} from '../testing/rule-cases';
import { TIME_OVERDUE } from './time-overdue.rule';

// Accepted Friday 2026-09-18 14:00: P = 2026-09-25 00:00 (docs/rules.md worked example).
describe(TIME_OVERDUE.id, () => {
  /** Case C-1 accepted Friday 2026-09-18 14:00, then `later`. */
  const accepted = (...later: Step[]) => acceptedAt('2026-09-18T14:00', ...later);
  const raised = raisedBy(TIME_OVERDUE.id);

  itRaises(raised, (completedAt) => accepted(['case.completed', completedAt]), [
    ...aroundDeadline('completed', '2026-09-25T00:00', ['TIME_OVERDUE[]@2026-09-25T00:00'], 'P'),
    ['completed a week late', '2026-10-09T10:00', ['TIME_OVERDUE[]@2026-09-25T00:00']],
  ]);

  it('fires on its timer for an open case, and only once', () => {
    const events = accepted(['case.completed', '2026-10-20T09:00']);

    const signals = runRules(events, { until: '2026-12-31T00:00' });

    expect(summarize(signals, TIME_OVERDUE.id)).toEqual(['TIME_OVERDUE[]@2026-09-25T00:00']);
    expect(signalOf(signals, TIME_OVERDUE.id)?.triggeredBy).toBe('timer');
  });

  it('never fires for a case suspended before P and never resumed', () => {
    const events = accepted(['case.suspended', '2026-09-22T10:00']);

    expect(raised(events, { until: '2027-12-31T00:00' })).toEqual([]);
  });

  it('fires at the resumption when the move leaves P before it (completion while suspended)', () => {
    // suspended on the last day; resumed (by the completion) on holiday Sep 26: k = 0, P = Sep 25 00:00 < Tr
    const events = accepted(['case.suspended', '2026-09-24T10:00'], ['case.completed', '2026-09-26T10:00']);

    expect(raised(events, { until: '2026-12-31T00:00' })).toEqual(['TIME_OVERDUE[]@2026-09-26T10:00']);
  });

  it('does not fire when a completion while suspended comes before the moved P', () => {
    // k = 4 (Sep 23, 24, 28, 29): P moves to Oct 9 00:00
    const events = accepted(['case.suspended', '2026-09-22T10:00'], ['case.completed', '2026-09-29T16:00']);

    expect(summarize(runRules(events, { until: '2026-12-31T00:00' }))).toEqual([
      'DELIVERY_OVERDUE[]@2026-10-20T00:00',
    ]);
  });

  it('runs the penalty clock from the filing, in calendar days', () => {
    const catalog = aCatalog({ items: [aPenaltyItem({ promisedDays: 60 })] });
    // filed 2026-08-01: + 60 days = Sep 30 (a working day) → P = Oct 1 00:00
    const events = filedAt('2026-08-01T10:00', ['penalty.decided', '2026-10-08T10:00']);

    expect(raised(events, { catalog })).toEqual(['TIME_OVERDUE[]@2026-10-01T00:00']);
  });
});
