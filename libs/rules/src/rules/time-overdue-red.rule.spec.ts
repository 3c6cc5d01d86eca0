import { aCatalog, anItem, runRules, summarize } from '../testing/factories';
import { acceptedAt, aroundDeadline, itRaises, raisedBy, signalOf, type Step } from '../testing/rule-cases';
import { TIME_OVERDUE_RED } from './time-overdue-red.rule';

// Accepted Friday 2026-09-18 14:00. Default item: S = 2026-09-30 00:00 < L = 2026-10-10 00:00.
describe(TIME_OVERDUE_RED.id, () => {
  /** Case C-1 accepted Friday 2026-09-18 14:00, then `later`. */
  const accepted = (...later: Step[]) => acceptedAt('2026-09-18T14:00', ...later);
  const raised = raisedBy(TIME_OVERDUE_RED.id);

  itRaises(
    raised,
    (completedAt) => accepted(['case.completed', completedAt]),
    aroundDeadline('completed', '2026-09-30T00:00', ['TIME_OVERDUE_RED[]@2026-09-30T00:00'], 'R'),
  );

  it.each([
    // legalDays 6: l = Sep 28, L = Sep 29 00:00 < S
    [6, 'legal', '2026-09-29T00:00'],
    // legalDays 7: l = Sep 29, L = S = Sep 30 00:00: legal
    [7, 'legal', '2026-09-30T00:00'],
    [10, 'supervision', '2026-09-30T00:00'],
  ] as const)('with legalDays %i the red card is for the %s limit at %s', (legalDays, limit, raisedAt) => {
    const catalog = aCatalog({ items: [anItem({ legalDays })] });

    const signals = runRules(accepted(), { catalog, until: '2026-12-31T00:00' });

    expect(summarize(signals, TIME_OVERDUE_RED.id)).toEqual([`TIME_OVERDUE_RED[]@${raisedAt}`]);
    expect(signalOf(signals, TIME_OVERDUE_RED.id)?.details.limit).toBe(limit);
  });

  it('follows the moved supervision day after a suspension', () => {
    const events = accepted(['case.suspended', '2026-09-22T10:00'], ['case.resumed', '2026-09-29T16:00']);

    expect(raised(events, { until: '2026-12-31T00:00' })).toEqual(['TIME_OVERDUE_RED[]@2026-10-11T00:00']);
  });

  it('follows p, l and the supervision day after an extension of n working days', () => {
    // + 2 working days: supervision day Sep 29 → Oct 8, S = Oct 9 00:00; l Oct 9 → Oct 12
    const events = accepted(['case.extended', '2026-09-21T09:00', { days: 2 }]);

    expect(raisedBy('TIME_OVERDUE', TIME_OVERDUE_RED.id)(events, { until: '2026-12-31T00:00' })).toEqual([
      'TIME_OVERDUE[]@2026-09-30T00:00',
      'TIME_OVERDUE_RED[]@2026-10-09T00:00',
    ]);
  });

  it('fires at the resumption when a completion while suspended leaves R behind it', () => {
    // suspended on the supervision day (S = Sep 30 00:00); completed on holiday Oct 3: k = 0
    const events = accepted(['case.suspended', '2026-09-29T10:00'], ['case.completed', '2026-10-03T10:00']);

    const signals = runRules(events, { until: '2026-12-31T00:00' });

    expect(summarize(signals, TIME_OVERDUE_RED.id)).toEqual(['TIME_OVERDUE_RED[]@2026-10-03T10:00']);
    expect(signalOf(signals, TIME_OVERDUE_RED.id)).toMatchObject({
      triggeredBy: 'timer',
      details: { limit: 'supervision' },
    });
  });
});
