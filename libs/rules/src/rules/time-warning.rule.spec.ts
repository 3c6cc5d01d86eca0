import { aCase, aCatalog, anItem, runRules, summarize } from '../testing/factories';
import { TIME_WARNING } from './time-warning.rule';

// Accepted Friday 2026-09-18 14:00: p = Sep 24, W = 2026-09-23 00:00 (docs/rules.md worked example).
describe(TIME_WARNING.id, () => {
  it.each([
    ['completed 1 ms before W', '2026-09-22T23:59:59.999', []],
    ['completed exactly at W', '2026-09-23T00:00', ['TIME_WARNING[]@2026-09-23T00:00']],
    ['completed a day after W', '2026-09-24T09:00', ['TIME_WARNING[]@2026-09-23T00:00']],
  ] as const)('%s raises %j', (_, completedAt, expected) => {
    const c = aCase();
    const events = [c.event('case.accepted', '2026-09-18T14:00'), c.event('case.completed', completedAt)];

    expect(summarize(runRules(events, { until: '2026-12-31T00:00' }), TIME_WARNING.id)).toEqual(expected);
  });

  it.each([
    ['the watermark 1 ms before W', '2026-09-22T23:59:59.999', []],
    ['the watermark at W', '2026-09-23T00:00', ['TIME_WARNING[]@2026-09-23T00:00']],
  ] as const)('fires on its timer for an open case: %s', (_, until, expected) => {
    expect(
      summarize(runRules([aCase().event('case.accepted', '2026-09-18T14:00')], { until }), TIME_WARNING.id),
    ).toEqual(expected);
  });

  it('is never raised with warnBeforeDays 0', () => {
    const catalog = aCatalog({ items: [anItem({ warnBeforeDays: 0 })] });

    expect(
      summarize(
        runRules([aCase().event('case.accepted', '2026-09-18T14:00')], {
          catalog,
          until: '2026-12-31T00:00',
        }),
        TIME_WARNING.id,
      ),
    ).toEqual([]);
  });

  it('comes at acceptance when the warning day is already past (W = max(A, …))', () => {
    // promised 1 day: p = Sunday Sep 20 (make-up day); subDays(p, 1) = Sep 18 → W = A
    const catalog = aCatalog({ items: [anItem({ promisedDays: 1 })] });

    expect(
      summarize(
        runRules([aCase().event('case.accepted', '2026-09-18T14:00')], {
          catalog,
          until: '2026-09-18T14:00',
        }),
        TIME_WARNING.id,
      ),
    ).toEqual(['TIME_WARNING[]@2026-09-18T14:00']);
  });

  it('does not fire while suspended, and follows p after the resumption', () => {
    const c = aCase();
    const events = [
      c.event('case.accepted', '2026-09-18T14:00'),
      c.event('case.suspended', '2026-09-22T10:00'),
      c.event('case.resumed', '2026-09-29T16:00'),
    ];

    expect(summarize(runRules(events, { until: '2026-09-29T23:59' }), TIME_WARNING.id)).toEqual([]);
    expect(summarize(runRules(events, { until: '2026-09-30T00:00' }), TIME_WARNING.id)).toEqual([
      'TIME_WARNING[]@2026-09-30T00:00',
    ]);
  });

  it('follows p after an extension', () => {
    const c = aCase();
    // extended by 2 working days: p = Sep 29, W = Sep 28 00:00
    const events = [
      c.event('case.accepted', '2026-09-18T14:00'),
      c.event('case.extended', '2026-09-21T09:00', { days: 2 }),
    ];

    expect(summarize(runRules(events, { until: '2026-12-31T00:00' }), TIME_WARNING.id)).toEqual([
      'TIME_WARNING[]@2026-09-28T00:00',
    ]);
  });
});
