import { aCatalog } from '../testing/factories';
import { acceptedAt, aroundDeadline, itRaises, raisedBy, type Step } from '../testing/rule-cases';
import { SUSPENSION_OVERLONG } from './suspension-overlong.rule';

// expert_review: at most 10 working days. Suspended Tuesday 2026-09-22 → last day Oct 13, due Oct 14 00:00.
describe(SUSPENSION_OVERLONG.id, () => {
  /** Case C-1 accepted Monday 2026-09-21 08:00, then `later`. */
  const accepted = (...later: Step[]) => acceptedAt('2026-09-21T08:00', ...later);
  const raised = raisedBy(SUSPENSION_OVERLONG.id);

  itRaises(
    raised,
    (resumedAt) => accepted(['case.suspended', '2026-09-22T10:00'], ['case.resumed', resumedAt]),
    aroundDeadline('resumed', '2026-10-14T00:00', ['SUSPENSION_OVERLONG[#1]@2026-10-14T00:00'], 'the limit'),
    { until: '2026-12-31T00:00' },
  );

  it('uses defaultSuspensionMaxDays for a procedure the item does not list', () => {
    const catalog = aCatalog({ settings: { defaultSuspensionMaxDays: 3 } });
    const events = accepted(['case.suspended', '2026-09-22T10:00', { procedure: 'other' }]);

    // 3 working days after Sep 22: Sep 23, 24, 28 → due Sep 29 00:00
    expect(raised(events, { catalog, until: '2026-12-31T00:00' })).toEqual([
      'SUSPENSION_OVERLONG[#1]@2026-09-29T00:00',
    ]);
  });

  it('qualifies each suspension by its number and is cancelled by a completion', () => {
    const events = accepted(
      ['case.suspended', '2026-09-22T10:00'],
      ['case.resumed', '2026-09-23T10:00'],
      ['case.suspended', '2026-09-24T10:00'],
      ['case.completed', '2026-10-08T10:00'],
    );

    expect(raised(events, { until: '2026-12-31T00:00' })).toEqual([]);
    expect(raised(events.slice(0, 4), { until: '2026-12-31T00:00' })).toEqual([
      'SUSPENSION_OVERLONG[#2]@2026-10-16T00:00',
    ]);
  });
});
