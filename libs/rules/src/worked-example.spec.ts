import { evaluateCase } from './evaluate-case';
import { createRuleContext } from './rule-context';
import { ReplayEngine } from './replay-engine';
import { aCase, aCatalog, local, ms, runRules, summarize } from './testing/factories';

/** `docs/rules.md` § Worked example: accepted Friday 2026-09-18 14:00 (+08:00). */
describe('docs/rules.md worked example', () => {
  const TIME_RULES = ['TIME_WARNING', 'TIME_OVERDUE', 'TIME_OVERDUE_RED'];

  it('computes W, P, S, L and R without a suspension', () => {
    const story = aCase();
    const sut = new ReplayEngine(aCatalog());
    sut.ingest(story.event('case.accepted', '2026-09-18T14:00'));

    const clock = sut.caseState('C-1')?.clock;

    expect(clock && local(clock.warningAtMs ?? 0)).toBe('2026-09-23T00:00');
    expect(clock && local(clock.promisedDeadlineMs)).toBe('2026-09-25T00:00');
    expect(clock && local(clock.supervisionDeadlineMs)).toBe('2026-09-30T00:00');
    expect(clock && local(clock.legalDeadlineMs)).toBe('2026-10-10T00:00');
    expect(sut.pendingTimers('C-1').map((timer) => `${timer.ruleId}@${local(timer.dueMs)}`)).toEqual([
      'TIME_WARNING@2026-09-23T00:00',
      'TIME_OVERDUE@2026-09-25T00:00',
      'TIME_OVERDUE_RED@2026-09-30T00:00',
    ]);
  });

  it('raises the warning, the yellow and the red (supervision) card at W, P and R', () => {
    const story = aCase();
    const signals = runRules([story.event('case.accepted', '2026-09-18T14:00')], {
      until: '2026-10-31T00:00',
    });

    expect(summarize(signals, ...TIME_RULES)).toEqual([
      'TIME_WARNING[]@2026-09-23T00:00',
      'TIME_OVERDUE[]@2026-09-25T00:00',
      'TIME_OVERDUE_RED[]@2026-09-30T00:00',
    ]);
    expect(signals.find((signal) => signal.ruleId === 'TIME_OVERDUE_RED')?.details.limit).toBe('supervision');
  });

  it('moves every deadline by k = 4 working days after the 2026-09-22 → 09-29 suspension', () => {
    const story = aCase();
    const events = [
      story.event('case.accepted', '2026-09-18T14:00'),
      story.event('case.suspended', '2026-09-22T10:00'),
      story.event('case.resumed', '2026-09-29T16:00'),
    ];
    const ctx = createRuleContext(aCatalog());

    const sut = evaluateCase(events, ms('2026-09-29T16:00'), ctx);

    const clock = sut.state.clock;
    expect(sut.signals).toEqual([]);
    expect(clock && local(clock.warningAtMs ?? 0)).toBe('2026-09-30T00:00');
    expect(clock && local(clock.promisedDeadlineMs)).toBe('2026-10-09T00:00');
    expect(clock && local(clock.supervisionDeadlineMs)).toBe('2026-10-11T00:00');
    expect(clock && local(clock.legalDeadlineMs)).toBe('2026-10-15T00:00');
    expect(sut.timers.map((timer) => `${timer.ruleId}@${local(timer.dueMs)}`)).toEqual([
      'TIME_WARNING@2026-09-30T00:00',
      'TIME_OVERDUE@2026-10-09T00:00',
      'TIME_OVERDUE_RED@2026-10-11T00:00',
    ]);
  });

  it('fires nothing while suspended, then the moved deadlines', () => {
    const story = aCase();
    const events = [
      story.event('case.accepted', '2026-09-18T14:00'),
      story.event('case.suspended', '2026-09-22T10:00'),
      story.event('case.resumed', '2026-09-29T16:00'),
    ];

    expect(summarize(runRules(events, { until: '2026-09-29T15:59' }))).toEqual([]);
    expect(summarize(runRules(events, { until: '2026-10-20T00:00' }), ...TIME_RULES)).toEqual([
      'TIME_WARNING[]@2026-09-30T00:00',
      'TIME_OVERDUE[]@2026-10-09T00:00',
      'TIME_OVERDUE_RED[]@2026-10-11T00:00',
    ]);
  });
});
