import { aCatalog, anItem } from '../testing/factories';
import { acceptedAt, aroundDeadline, itRaises, raisedBy, type Step } from '../testing/rule-cases';
import { TIME_WARNING } from './time-warning.rule';

// Accepted Friday 2026-09-18 14:00: p = Sep 24, W = 2026-09-23 00:00 (docs/rules.md worked example).
describe(TIME_WARNING.id, () => {
  /** Case C-1 accepted Friday 2026-09-18 14:00, then `later`. */
  const accepted = (...later: Step[]) => acceptedAt('2026-09-18T14:00', ...later);
  const raised = raisedBy(TIME_WARNING.id);

  itRaises(
    raised,
    (completedAt) => accepted(['case.completed', completedAt]),
    [
      ...aroundDeadline('completed', '2026-09-23T00:00', ['TIME_WARNING[]@2026-09-23T00:00'], 'W'),
      ['completed a day after W', '2026-09-24T09:00', ['TIME_WARNING[]@2026-09-23T00:00']],
    ],
    { until: '2026-12-31T00:00' },
  );

  it.each([
    ['the watermark 1 ms before W', '2026-09-22T23:59:59.999', []],
    ['the watermark at W', '2026-09-23T00:00', ['TIME_WARNING[]@2026-09-23T00:00']],
  ] as const)('fires on its timer for an open case: %s', (_, until, expected) => {
    expect(raised(accepted(), { until })).toEqual(expected);
  });

  it('is never raised with warnBeforeDays 0', () => {
    const catalog = aCatalog({ items: [anItem({ warnBeforeDays: 0 })] });

    expect(raised(accepted(), { catalog, until: '2026-12-31T00:00' })).toEqual([]);
  });

  it('comes at acceptance when the warning day is already past (W = max(A, …))', () => {
    // promised 1 day: p = Sunday Sep 20 (make-up day); subDays(p, 1) = Sep 18 → W = A
    const catalog = aCatalog({ items: [anItem({ promisedDays: 1 })] });

    expect(raised(accepted(), { catalog, until: '2026-09-18T14:00' })).toEqual([
      'TIME_WARNING[]@2026-09-18T14:00',
    ]);
  });

  it('does not fire while suspended, and follows p after the resumption', () => {
    const events = accepted(['case.suspended', '2026-09-22T10:00'], ['case.resumed', '2026-09-29T16:00']);

    expect(raised(events, { until: '2026-09-29T23:59' })).toEqual([]);
    expect(raised(events, { until: '2026-09-30T00:00' })).toEqual(['TIME_WARNING[]@2026-09-30T00:00']);
  });

  it('follows p after an extension', () => {
    // extended by 2 working days: p = Sep 29, W = Sep 28 00:00
    const events = accepted(['case.extended', '2026-09-21T09:00', { days: 2 }]);

    expect(raised(events, { until: '2026-12-31T00:00' })).toEqual(['TIME_WARNING[]@2026-09-28T00:00']);
  });
});
