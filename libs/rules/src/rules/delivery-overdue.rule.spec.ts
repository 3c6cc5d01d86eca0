import { acceptedAt, aroundDeadline, itRaises, raisedBy, type Step } from '../testing/rule-cases';
import { DELIVERY_OVERDUE } from './delivery-overdue.rule';

// Approved Monday 2026-09-14 10:00; 10 working days: Sep 15 … 28 (with make-up Sunday Sep 20) → due Sep 29 00:00.
describe(DELIVERY_OVERDUE.id, () => {
  /** Case C-1 accepted Monday 2026-09-14 09:00, then `later`. */
  const accepted = (...later: Step[]) => acceptedAt('2026-09-14T09:00', ...later);
  const raised = raisedBy(DELIVERY_OVERDUE.id);

  itRaises(
    raised,
    (deliveredAt) => accepted(['case.completed', '2026-09-14T10:00'], ['case.delivered', deliveredAt]),
    aroundDeadline('delivered', '2026-09-29T00:00', ['DELIVERY_OVERDUE[]@2026-09-29T00:00']),
    { until: '2026-12-31T00:00' },
  );

  it.each([
    ['approved', ['DELIVERY_OVERDUE[]@2026-09-29T00:00']],
    ['denied', []],
    ['withdrawn', []],
  ] as const)('runs for an %s completion: %j', (result, expected) => {
    const events = accepted(['case.completed', '2026-09-14T10:00', { result, reason: '理由' }]);

    expect(raised(events, { until: '2026-12-31T00:00' })).toEqual(expected);
  });

  it('treats a delivery before the completion as out of sequence', () => {
    const events = accepted(['case.delivered', '2026-09-14T09:30'], ['case.completed', '2026-09-14T10:00']);
    const raisedWithSequence = raisedBy(DELIVERY_OVERDUE.id, 'DATA_OUT_OF_SEQUENCE');

    expect(raisedWithSequence(events, { until: '2026-12-31T00:00' })).toEqual([
      'DATA_OUT_OF_SEQUENCE[C-1#2]@2026-09-14T09:30',
      'DELIVERY_OVERDUE[]@2026-09-29T00:00',
    ]);
  });
});
