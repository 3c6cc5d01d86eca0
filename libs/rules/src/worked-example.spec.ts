import { evaluateCase } from './evaluate-case';
import { createRuleContext } from './rule-context';
import { ReplayEngine } from './replay-engine';
import { aCase, aCatalog, ms, runRules, summarize } from './testing/factories';
import { acceptedAt, deadlinesOf, raisedBy, signalOf, summarizeTimers } from './testing/rule-cases';

/** `docs/rules.md` § Worked example: accepted Friday 2026-09-18 14:00 (+08:00). */
describe('docs/rules.md worked example', () => {
  const TIME_RULES = ['TIME_WARNING', 'TIME_OVERDUE', 'TIME_OVERDUE_RED'];
  const accepted = '2026-09-18T14:00';
  /** Suspended Tuesday 2026-09-22 10:00, resumed Tuesday 2026-09-29 16:00. */
  const suspendedAWeek = () =>
    acceptedAt(accepted, ['case.suspended', '2026-09-22T10:00'], ['case.resumed', '2026-09-29T16:00']);

  it('computes W, P, S, L and R without a suspension', () => {
    const sut = new ReplayEngine(aCatalog());
    sut.ingest(aCase().event('case.accepted', accepted));

    expect(deadlinesOf(sut.caseState('C-1')?.clock)).toEqual({
      W: '2026-09-23T00:00',
      P: '2026-09-25T00:00',
      S: '2026-09-30T00:00',
      L: '2026-10-10T00:00',
    });
    expect(summarizeTimers(sut.pendingTimers('C-1'))).toEqual([
      'TIME_WARNING@2026-09-23T00:00',
      'TIME_OVERDUE@2026-09-25T00:00',
      'TIME_OVERDUE_RED@2026-09-30T00:00',
    ]);
  });

  it('raises the warning, the yellow and the red (supervision) card at W, P and R', () => {
    const signals = runRules(acceptedAt(accepted), { until: '2026-10-31T00:00' });

    expect(summarize(signals, ...TIME_RULES)).toEqual([
      'TIME_WARNING[]@2026-09-23T00:00',
      'TIME_OVERDUE[]@2026-09-25T00:00',
      'TIME_OVERDUE_RED[]@2026-09-30T00:00',
    ]);
    expect(signalOf(signals, 'TIME_OVERDUE_RED')?.details.limit).toBe('supervision');
  });

  it('moves every deadline by k = 4 working days after the 2026-09-22 → 09-29 suspension', () => {
    const ctx = createRuleContext(aCatalog());

    const sut = evaluateCase(suspendedAWeek(), ms('2026-09-29T16:00'), ctx);

    expect(sut.signals).toEqual([]);
    expect(deadlinesOf(sut.state.clock)).toEqual({
      W: '2026-09-30T00:00',
      P: '2026-10-09T00:00',
      S: '2026-10-11T00:00',
      L: '2026-10-15T00:00',
    });
    expect(summarizeTimers(sut.timers)).toEqual([
      'TIME_WARNING@2026-09-30T00:00',
      'TIME_OVERDUE@2026-10-09T00:00',
      'TIME_OVERDUE_RED@2026-10-11T00:00',
    ]);
  });

  it('fires nothing while suspended, then the moved deadlines', () => {
    const events = suspendedAWeek();

    expect(summarize(runRules(events, { until: '2026-09-29T15:59' }))).toEqual([]);
    expect(raisedBy(...TIME_RULES)(events, { until: '2026-10-20T00:00' })).toEqual([
      'TIME_WARNING[]@2026-09-30T00:00',
      'TIME_OVERDUE[]@2026-10-09T00:00',
      'TIME_OVERDUE_RED[]@2026-10-11T00:00',
    ]);
  });
});
