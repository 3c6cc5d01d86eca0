import { aCase, aCatalog, anItem, runRules, summarize } from '../testing/factories';
import { TIME_OVERDUE_RED } from './time-overdue-red.rule';

// Accepted Friday 2026-09-18 14:00. Default item: S = 2026-09-30 00:00 < L = 2026-10-10 00:00.
describe(TIME_OVERDUE_RED.id, () => {
  it.each([
    ['completed 1 ms before R', '2026-09-29T23:59:59.999', []],
    ['completed exactly at R', '2026-09-30T00:00', ['TIME_OVERDUE_RED[]@2026-09-30T00:00']],
  ] as const)('%s raises %j', (_, completedAt, expected) => {
    const c = aCase();
    const events = [c.event('case.accepted', '2026-09-18T14:00'), c.event('case.completed', completedAt)];

    expect(summarize(runRules(events), TIME_OVERDUE_RED.id)).toEqual(expected);
  });

  it.each([
    // legalDays 6: l = Sep 28, L = Sep 29 00:00 < S
    [6, 'legal', '2026-09-29T00:00'],
    // legalDays 7: l = Sep 29, L = S = Sep 30 00:00: legal
    [7, 'legal', '2026-09-30T00:00'],
    [10, 'supervision', '2026-09-30T00:00'],
  ] as const)('with legalDays %i the red card is for the %s limit at %s', (legalDays, limit, raisedAt) => {
    const catalog = aCatalog({ items: [anItem({ legalDays })] });

    const signals = runRules([aCase().event('case.accepted', '2026-09-18T14:00')], {
      catalog,
      until: '2026-12-31T00:00',
    });

    expect(summarize(signals, TIME_OVERDUE_RED.id)).toEqual([`TIME_OVERDUE_RED[]@${raisedAt}`]);
    expect(signals.find((s) => s.ruleId === TIME_OVERDUE_RED.id)?.details.limit).toBe(limit);
  });

  it('follows the moved supervision day after a suspension', () => {
    const c = aCase();
    const events = [
      c.event('case.accepted', '2026-09-18T14:00'),
      c.event('case.suspended', '2026-09-22T10:00'),
      c.event('case.resumed', '2026-09-29T16:00'),
    ];

    expect(summarize(runRules(events, { until: '2026-12-31T00:00' }), TIME_OVERDUE_RED.id)).toEqual([
      'TIME_OVERDUE_RED[]@2026-10-11T00:00',
    ]);
  });

  it('follows p, l and the supervision day after an extension of n working days', () => {
    const c = aCase();
    // + 2 working days: supervision day Sep 29 → Oct 8, S = Oct 9 00:00; l Oct 9 → Oct 12
    const events = [
      c.event('case.accepted', '2026-09-18T14:00'),
      c.event('case.extended', '2026-09-21T09:00', { days: 2 }),
    ];

    expect(
      summarize(runRules(events, { until: '2026-12-31T00:00' }), 'TIME_OVERDUE', TIME_OVERDUE_RED.id),
    ).toEqual(['TIME_OVERDUE[]@2026-09-30T00:00', 'TIME_OVERDUE_RED[]@2026-10-09T00:00']);
  });

  it('fires at the resumption when a completion while suspended leaves R behind it', () => {
    const c = aCase();
    // suspended on the supervision day (S = Sep 30 00:00); completed on holiday Oct 3: k = 0
    const events = [
      c.event('case.accepted', '2026-09-18T14:00'),
      c.event('case.suspended', '2026-09-29T10:00'),
      c.event('case.completed', '2026-10-03T10:00'),
    ];

    const signals = runRules(events, { until: '2026-12-31T00:00' });

    expect(summarize(signals, TIME_OVERDUE_RED.id)).toEqual(['TIME_OVERDUE_RED[]@2026-10-03T10:00']);
    expect(signals.find((s) => s.ruleId === TIME_OVERDUE_RED.id)).toMatchObject({
      triggeredBy: 'timer',
      details: { limit: 'supervision' },
    });
  });
});
