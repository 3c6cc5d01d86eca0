import { runRules } from '../testing/factories';
import { acceptedAt, aroundDeadline, itRaises, raisedBy, signalsOf, type Step } from '../testing/rule-cases';
import { EXTENSION_AFTER_DEADLINE } from './extension-after-deadline.rule';

// accepted Friday 2026-09-18 14:00, promised 5 working days: p = Sep 24, P = 2026-09-25T00:00
describe(EXTENSION_AFTER_DEADLINE.id, () => {
  /** Case C-1 accepted Friday 2026-09-18 14:00, then `later`. */
  const accepted = (...later: Step[]) => acceptedAt('2026-09-18T14:00', ...later);
  const raised = raisedBy(EXTENSION_AFTER_DEADLINE.id);

  itRaises(
    raised,
    (extendedAt) => accepted(['case.extended', extendedAt, { days: 5, reason: '需现场核查' }]),
    [
      ['extended the day before the promised deadline', '2026-09-24T17:00', []],
      ['extended a second before the promised deadline', '2026-09-24T23:59:59', []],
      ...aroundDeadline(
        'extended',
        '2026-09-25T00:00',
        ['EXTENSION_AFTER_DEADLINE[C-1#2]@2026-09-25T00:00'],
        'the promised deadline',
      ),
      [
        'extended after the promised deadline',
        '2026-09-28T10:00',
        ['EXTENSION_AFTER_DEADLINE[C-1#2]@2026-09-28T10:00'],
      ],
    ],
  );

  it('judges against the promised deadline in force: a first extension moves it for the second', () => {
    const events = accepted(
      ['case.extended', '2026-09-24T10:00', { days: 5, reason: '需现场核查' }],
      // P is now 2026-10-10T00:00 (p moved 5 working days: Sep 25, 28, 29, 30, Oct 9)
      ['case.extended', '2026-10-08T10:00', { days: 2, reason: '专家意见未返回' }],
    );

    expect(raised(events)).toEqual([]);
  });

  it('is not judged while the case is suspended', () => {
    const events = accepted(
      ['case.suspended', '2026-09-22T10:00', { procedure: 'expert_review' }],
      ['case.extended', '2026-09-28T10:00', { days: 5, reason: '需现场核查' }],
    );

    expect(raised(events)).toEqual([]);
  });

  it('says when the promised limit ran out and when the extension came', () => {
    const events = accepted(['case.extended', '2026-09-28T10:00', { days: 5, reason: '需现场核查' }]);

    const [signal] = signalsOf(runRules(events), EXTENSION_AFTER_DEADLINE.id);

    expect(signal?.message).toBe(
      '办件 C-1（食品经营许可）在承诺期限（2026-09-24）届满后，于 2026-09-28 10:00 才延长办理期限',
    );
    expect(signal?.level).toBe('yellow');
    expect(signal?.stage).toBe('during');
  });
});
