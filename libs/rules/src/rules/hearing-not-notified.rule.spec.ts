import type { ApprovalEvent, PartyKind } from '@app/contracts';
import { aBenchmark, aCase, aCatalog, runRules, summarize } from '../testing/factories';
import { HEARING_NOT_NOTIFIED } from './hearing-not-notified.rule';

// V-001 hearing thresholds: person 500 000 fen, organization 5 000 000 fen.
describe(HEARING_NOT_NOTIFIED.id, () => {
  const catalog = aCatalog({
    benchmarks: [aBenchmark({ legalMax: 10_000_000, tiers: { heavier: [0, 10_000_000] } })],
  });

  it.each([
    ['person', 499_999, false, false],
    ['person', 500_000, false, true],
    ['person', 500_000, true, false],
    ['organization', 4_999_999, false, false],
    ['organization', 5_000_000, false, true],
    ['organization', 9_000_000, true, false],
  ] as const)('a %s fined %d, hearing notified: %s → fires: %s', (party, fine, notified, fires) => {
    const c = aCase('P-1', 'CF-001');
    const events: ApprovalEvent[] = [
      c.event('penalty.filed', '2026-09-14T09:00', { party: { kind: party as PartyKind } }),
    ];
    if (notified) events.push(c.event('penalty.hearing_notified', '2026-09-15T09:00'));
    events.push(
      c.event('penalty.decided', '2026-09-28T09:00', { tier: 'heavier', fine }, { eventId: 'decision' }),
    );

    expect(summarize(runRules(events, { catalog }), HEARING_NOT_NOTIFIED.id)).toEqual(
      fires ? ['HEARING_NOT_NOTIFIED[decision]@2026-09-28T09:00'] : [],
    );
  });

  it('is not satisfied by a hearing notice after the decision', () => {
    const c = aCase('P-1', 'CF-001');
    const events: ApprovalEvent[] = [
      c.event('penalty.filed', '2026-09-14T09:00', { party: { kind: 'person' } }),
      c.event('penalty.decided', '2026-09-28T09:00', { tier: 'heavier', fine: 800_000 }),
      c.event('penalty.hearing_notified', '2026-09-29T09:00'),
    ];

    expect(summarize(runRules(events, { catalog }), HEARING_NOT_NOTIFIED.id, 'DATA_OUT_OF_SEQUENCE')).toEqual(
      ['HEARING_NOT_NOTIFIED[P-1#2]@2026-09-28T09:00', 'DATA_OUT_OF_SEQUENCE[P-1#3]@2026-09-29T09:00'],
    );
  });
});
