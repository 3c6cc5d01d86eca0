import { CatalogHistory } from '@app/catalog';
import { DEFAULT_SETTINGS, type Signal } from '@app/contracts';
import { aCase, local, ms, summarize } from './testing/factories';
import { aCatalogData } from './testing/catalog-data.factory';
import { catalogVersionForCase, largestPeerWindow, VersionedReplayEngine } from './versioned-replay-engine';

/** Version 1 since the epoch (promised 5 days), version 2 from 2026-10-01 (promised 3 days). */
function twoVersions(): CatalogHistory {
  return new CatalogHistory([
    { version: 1, effectiveFrom: 0, data: aCatalogData(5) },
    {
      version: 2,
      effectiveFrom: ms('2026-10-01T00:00'),
      data: aCatalogData(3, { peerDeviation: { ...DEFAULT_SETTINGS.peerDeviation, window: 500 } }),
    },
  ]);
}

function run(
  engine: VersionedReplayEngine,
  events: ReturnType<ReturnType<typeof aCase>['event']>[],
  until: string,
) {
  const signals: Signal[] = [];
  for (const event of [...events].sort((a, b) => ms(a.occurredAt) - ms(b.occurredAt)))
    signals.push(...engine.ingest(event, ms(event.occurredAt)));
  signals.push(...engine.advanceTo(ms(until)));
  return signals;
}

describe(VersionedReplayEngine.name, () => {
  it('folds each case with the version in force at its first event, for the whole case', () => {
    const before = aCase('C-OLD');
    const after = aCase('C-NEW');
    const sut = new VersionedReplayEngine(twoVersions());

    const signals = run(
      sut,
      [
        // submitted under version 1, accepted after version 2 took effect: still version 1
        before.event('case.submitted', '2026-09-30T09:00'),
        before.event('case.accepted', '2026-10-09T10:00'),
        after.event('case.accepted', '2026-10-09T10:00'),
      ],
      '2026-10-20T00:00',
    );

    // promised 5 working days after Fri 10-09 (Sat 10-10 is a make-up working day): 10-15; 3 days: 10-13
    expect(
      summarize(
        signals.filter((s) => s.caseId === 'C-OLD'),
        'TIME_OVERDUE',
      ),
    ).toEqual(['TIME_OVERDUE[]@2026-10-16T00:00']);
    expect(
      summarize(
        signals.filter((s) => s.caseId === 'C-NEW'),
        'TIME_OVERDUE',
      ),
    ).toEqual(['TIME_OVERDUE[]@2026-10-14T00:00']);
    expect(sut.versionOf('C-OLD')?.version).toBe(1);
    expect(sut.versionOf('C-NEW')?.version).toBe(2);
  });

  it('fires the timers of every version in due order before each event', () => {
    const one = aCase('C-1');
    const two = aCase('C-2');
    const sut = new VersionedReplayEngine(twoVersions());
    const early = run(sut, [one.event('case.accepted', '2026-09-18T14:00')], '2026-09-18T14:00');
    expect(early).toEqual([]);
    // version 2's first event: version 1's timers due before it have fired by then
    const signals = sut.ingest(two.event('case.accepted', '2026-10-12T09:00'), ms('2026-10-12T09:00'));
    expect(signals.map((signal) => `${signal.ruleId}@${local(signal.raisedAt)}`)).toEqual([
      'TIME_WARNING@2026-09-23T00:00',
      'TIME_OVERDUE@2026-09-25T00:00',
      'TIME_OVERDUE_RED@2026-09-30T00:00',
    ]);
  });

  it('drops a case from memory on request, and knows a case’s pending timers', () => {
    const story = aCase('C-1');
    const sut = new VersionedReplayEngine(twoVersions());
    sut.ingest(story.event('case.accepted', '2026-09-18T14:00'), ms('2026-09-18T14:00'));
    expect(sut.pendingTimers('C-1').map((timer) => timer.ruleId)).toEqual([
      'TIME_WARNING',
      'TIME_OVERDUE',
      'TIME_OVERDUE_RED',
    ]);
    expect(sut.cases).toBe(1);
    sut.forgetCase('C-1');
    expect(sut.cases).toBe(0);
    expect(sut.pendingTimers('C-1')).toEqual([]);
    expect(sut.advanceTo(ms('2026-12-31T00:00'))).toEqual([]);
  });
});

describe(catalogVersionForCase.name, () => {
  it('takes the version in force at the first event, the first version before any', () => {
    const history = new CatalogHistory([
      { version: 'a', effectiveFrom: ms('2026-01-01T00:00'), data: aCatalogData() },
      { version: 'b', effectiveFrom: ms('2026-06-01T00:00'), data: aCatalogData() },
    ]);
    expect(catalogVersionForCase(history, ms('2025-12-31T23:59')).version).toBe('a');
    expect(catalogVersionForCase(history, ms('2026-05-31T23:59')).version).toBe('a');
    expect(catalogVersionForCase(history, ms('2026-06-01T00:00')).version).toBe('b');
  });

  it('preloads enough shared history for the largest peer window of any version', () => {
    expect(largestPeerWindow(twoVersions())).toBe(500);
  });
});
