import fc from 'fast-check';
import type { ApprovalEvent, Signal } from '@app/contracts';
import { evaluateCase } from './evaluate-case';
import { EventOrderError, ReplayEngine } from './replay-engine';
import { compareSignals } from './signals';
import { casesArbitrary, merge } from './testing/arbitraries';
import { aCase, aCatalog, ms, runRules, summarize } from './testing/factories';
import { acceptedAt } from './testing/rule-cases';

const catalog = aCatalog({ settings: { peerDeviation: { minPeers: 2, window: 5, threshold: 1 } } });

function replay(events: readonly ApprovalEvent[], untilMs: number): { signals: Signal[]; sut: ReplayEngine } {
  const sut = new ReplayEngine(catalog);
  const signals = events.flatMap((event) => sut.ingest(event));
  signals.push(...sut.advanceTo(untilMs));
  return { signals, sut };
}

const lastInstant = (events: readonly ApprovalEvent[]) =>
  Math.max(...events.map((event) => Date.parse(event.occurredAt)));

describe(ReplayEngine.name, () => {
  it('fires the timers of every case due before an event first, in due order then alertKey order', () => {
    const a = aCase('C-A');
    const b = aCase('C-B');
    const sut = new ReplayEngine(catalog);
    sut.ingest(b.event('case.accepted', '2026-09-18T14:00'));
    sut.ingest(a.event('case.accepted', '2026-09-18T15:00'));

    const signals = sut.ingest(a.event('case.completed', '2026-09-25T00:00'));

    expect(signals.map((s) => `${s.alertKey}@${s.raisedAt}`)).toEqual([
      'C-A|TIME_WARNING|@2026-09-22T16:00:00.000Z',
      'C-B|TIME_WARNING|@2026-09-22T16:00:00.000Z',
      'C-A|TIME_OVERDUE|@2026-09-24T16:00:00.000Z',
      'C-B|TIME_OVERDUE|@2026-09-24T16:00:00.000Z',
    ]);
  });

  it('skips a duplicated eventId, whatever its content', () => {
    const c = aCase();
    const sut = new ReplayEngine(catalog);
    sut.ingest(c.event('case.submitted', '2026-09-14T09:00', {}, { eventId: 'same' }));

    const again = sut.ingest(c.event('case.completed', '2026-09-15T09:00', {}, { eventId: 'same' }));

    expect(again).toEqual([]);
    expect(sut.stats).toMatchObject({ events: 1, duplicates: 1, cases: 1 });
    expect(sut.caseState('C-1')?.phase).toBe('submitted');
  });

  it('applies a late event in place when its case has not moved past it (live watermark ahead)', () => {
    const c = aCase();
    const sut = new ReplayEngine(catalog);
    sut.ingest(c.event('case.submitted', '2026-09-14T09:00'));
    sut.advanceTo(ms('2026-09-15T00:00'));

    const signals = sut.ingest(c.event('case.accepted', '2026-09-14T23:00'));

    expect(signals).toEqual([]);
    expect(sut.caseState('C-1')?.clock?.startedAtMs).toBe(ms('2026-09-14T23:00'));
  });

  it('fires at once what a late event makes due before the engine’s instant', () => {
    const sut = new ReplayEngine(catalog);
    sut.advanceTo(ms('2026-09-26T00:00'));

    const signals = sut.ingest(aCase().event('case.accepted', '2026-09-18T14:00'));

    expect(summarize(signals)).toEqual([
      'TIME_WARNING[]@2026-09-23T00:00',
      'TIME_OVERDUE[]@2026-09-25T00:00',
    ]);
  });

  it.each([
    ['a timer of the case fired after it', '2026-09-24T00:00', '2026-09-22T10:00'],
    ['a later event of the case was applied', '2026-09-18T15:00', '2026-09-18T14:30'],
  ])('refuses a late event when %s', (_, advancedTo, lateAt) => {
    const c = aCase();
    const sut = new ReplayEngine(catalog);
    sut.ingest(c.event('case.accepted', '2026-09-18T14:00'));
    sut.ingest(c.event('step.started', '2026-09-18T15:00'));
    sut.advanceTo(ms(advancedTo));

    const late = () => sut.ingest(c.event('case.completed', lateAt));

    expect(late).toThrow(EventOrderError);
    expect(late).toThrow(expect.objectContaining({ caseId: 'C-1' }) as Error);
  });

  it('forgets a case on request, and can keep no event ids', () => {
    const c = aCase();
    const sut = new ReplayEngine(catalog, { deduplicate: false });
    const submitted = c.event('case.submitted', '2026-09-14T09:00');
    sut.ingest(submitted);
    sut.forgetCase('C-1');

    expect(sut.stats).toMatchObject({ cases: 0, pendingDeadlines: 0 });
    sut.ingest(submitted);
    expect(sut.stats).toMatchObject({ cases: 1, events: 2, duplicates: 0 });
  });

  it('raises an alert key at most once, across events and timers', () => {
    const events = acceptedAt(
      '2026-09-18T14:00',
      ['case.suspended', '2026-09-24T10:00'],
      ['case.completed', '2026-09-26T10:00'],
    );

    const signals = runRules(events, { until: '2027-01-01T00:00' });

    expect(new Set(signals.map((s) => s.alertKey)).size).toBe(signals.length);
  });

  it('re-folds a case from its stored events when a late event arrives', () => {
    const c = aCase();
    const accepted = c.event('case.accepted', '2026-09-18T14:00');
    const late = c.event('case.completed', '2026-09-22T10:00');
    const sut = new ReplayEngine(catalog);
    sut.ingest(accepted);
    const firedBefore = sut.advanceTo(ms('2026-10-01T00:00'));

    const refolded = sut.refoldCase('C-1', [accepted, late]);

    expect(summarize(firedBefore)).toEqual([
      'TIME_WARNING[]@2026-09-23T00:00',
      'TIME_OVERDUE[]@2026-09-25T00:00',
      'TIME_OVERDUE_RED[]@2026-09-30T00:00',
    ]);
    expect(summarize(refolded.signals)).toEqual([]);
    expect(sut.caseState('C-1')?.phase).toBe('completed');
    expect(sut.pendingTimers('C-1').map((timer) => timer.ruleId)).toEqual(['DELIVERY_OVERDUE']);
  });

  it('gives the same signal set however cases sharing an instant are interleaved (property)', () => {
    fc.assert(
      fc.property(casesArbitrary, fc.array(fc.nat(1000)), fc.array(fc.nat(1000)), (cases, first, second) => {
        const until = lastInstant(cases.flat()) + 40 * 86_400_000;

        const one = replay(merge(cases, first), until).signals.sort(compareSignals);
        const other = replay(merge(cases, second), until).signals.sort(compareSignals);

        expect(other).toEqual(one);
      }),
      { numRuns: 150 },
    );
  });

  it('agrees with evaluateCase folding each case from scratch (property)', () => {
    fc.assert(
      fc.property(casesArbitrary, fc.array(fc.nat(1000)), (cases, randomness) => {
        const until = lastInstant(cases.flat()) + 40 * 86_400_000;
        const { signals, sut } = replay(merge(cases, randomness), until);

        for (const events of cases) {
          const caseId = events[0]?.caseId ?? '';
          const folded = evaluateCase(events, until, sut.context);
          expect(folded.signals).toEqual(signals.filter((s) => s.caseId === caseId).sort(compareSignals));
          expect(folded.timers).toEqual(sut.pendingTimers(caseId));
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe(evaluateCase.name, () => {
  it('sorts stably by occurredAt, skips duplicates and fires timers up to the watermark', () => {
    const c = aCase();
    const completed = c.event('case.completed', '2026-09-25T10:00');
    const accepted = c.event('case.accepted', '2026-09-18T14:00');
    const ctx = new ReplayEngine(catalog).context;

    const sut = evaluateCase([completed, accepted, accepted], ms('2026-12-31T00:00'), ctx);

    expect(sut.duplicates).toBe(1);
    expect(summarize(sut.signals)).toEqual([
      'TIME_WARNING[]@2026-09-23T00:00',
      'TIME_OVERDUE[]@2026-09-25T00:00',
      'DELIVERY_OVERDUE[]@2026-10-16T00:00',
    ]);
    expect(sut.timers).toEqual([]);
  });
});
