import { aCase, aCatalog, aPenaltyItem, runRules, summarize } from '../testing/factories';
import { TIME_OVERDUE } from './time-overdue.rule';

// Accepted Friday 2026-09-18 14:00: P = 2026-09-25 00:00 (docs/rules.md worked example).
describe(TIME_OVERDUE.id, () => {
  it.each([
    ['completed 1 ms before P', '2026-09-24T23:59:59.999', []],
    ['completed exactly at P', '2026-09-25T00:00', ['TIME_OVERDUE[]@2026-09-25T00:00']],
    ['completed a week late', '2026-10-09T10:00', ['TIME_OVERDUE[]@2026-09-25T00:00']],
  ] as const)('%s raises %j', (_, completedAt, expected) => {
    const c = aCase();
    const events = [c.event('case.accepted', '2026-09-18T14:00'), c.event('case.completed', completedAt)];

    expect(summarize(runRules(events), TIME_OVERDUE.id)).toEqual(expected);
  });

  it('fires on its timer for an open case, and only once', () => {
    const c = aCase();
    const events = [
      c.event('case.accepted', '2026-09-18T14:00'),
      c.event('case.completed', '2026-10-20T09:00'),
    ];

    const signals = runRules(events, { until: '2026-12-31T00:00' });

    expect(summarize(signals, TIME_OVERDUE.id)).toEqual(['TIME_OVERDUE[]@2026-09-25T00:00']);
    expect(signals.find((s) => s.ruleId === TIME_OVERDUE.id)?.triggeredBy).toBe('timer');
  });

  it('never fires for a case suspended before P and never resumed', () => {
    const c = aCase();
    const events = [
      c.event('case.accepted', '2026-09-18T14:00'),
      c.event('case.suspended', '2026-09-22T10:00'),
    ];

    expect(summarize(runRules(events, { until: '2027-12-31T00:00' }), TIME_OVERDUE.id)).toEqual([]);
  });

  it('fires at the resumption when the move leaves P before it (completion while suspended)', () => {
    const c = aCase();
    // suspended on the last day; resumed (by the completion) on holiday Sep 26: k = 0, P = Sep 25 00:00 < Tr
    const events = [
      c.event('case.accepted', '2026-09-18T14:00'),
      c.event('case.suspended', '2026-09-24T10:00'),
      c.event('case.completed', '2026-09-26T10:00'),
    ];

    expect(summarize(runRules(events, { until: '2026-12-31T00:00' }), TIME_OVERDUE.id)).toEqual([
      'TIME_OVERDUE[]@2026-09-26T10:00',
    ]);
  });

  it('does not fire when a completion while suspended comes before the moved P', () => {
    const c = aCase();
    // k = 4 (Sep 23, 24, 28, 29): P moves to Oct 9 00:00
    const events = [
      c.event('case.accepted', '2026-09-18T14:00'),
      c.event('case.suspended', '2026-09-22T10:00'),
      c.event('case.completed', '2026-09-29T16:00'),
    ];

    expect(summarize(runRules(events, { until: '2026-12-31T00:00' }))).toEqual([
      'DELIVERY_OVERDUE[]@2026-10-20T00:00',
    ]);
  });

  it('runs the penalty clock from the filing, in calendar days', () => {
    const catalog = aCatalog({ items: [aPenaltyItem({ promisedDays: 60 })] });
    const c = aCase('P-1', 'CF-001');
    // filed 2026-08-01: + 60 days = Sep 30 (a working day) → P = Oct 1 00:00
    const events = [
      c.event('penalty.filed', '2026-08-01T10:00'),
      c.event('penalty.decided', '2026-10-08T10:00'),
    ];

    expect(summarize(runRules(events, { catalog }), TIME_OVERDUE.id)).toEqual([
      'TIME_OVERDUE[]@2026-10-01T00:00',
    ]);
  });
});
