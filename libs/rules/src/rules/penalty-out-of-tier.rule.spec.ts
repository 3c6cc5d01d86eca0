import type { Tier } from '@app/contracts';
import { runRules } from '../testing/factories';
import { filedAt, raisedBy, signalsOf } from '../testing/rule-cases';
import { PENALTY_OUT_OF_TIER } from './penalty-out-of-tier.rule';

// V-001 tiers: lighter [100 000, 300 000], ordinary [300 000, 700 000], heavier [700 000, 1 000 000].
describe(PENALTY_OUT_OF_TIER.id, () => {
  const raised = raisedBy(PENALTY_OUT_OF_TIER.id);

  it.each([
    ['lighter', 300_000, []],
    ['lighter', 300_001, ['PENALTY_OUT_OF_TIER[act]@2026-09-20T09:00']],
    ['ordinary', 299_999, ['PENALTY_OUT_OF_TIER[act]@2026-09-20T09:00']],
    ['ordinary', 300_000, []],
    ['ordinary', 700_000, []],
    ['heavier', 699_999, ['PENALTY_OUT_OF_TIER[act]@2026-09-20T09:00']],
    ['mitigated', 99_901, ['PENALTY_OUT_OF_TIER[act]@2026-09-20T09:00']],
    ['mitigated', 9_999, ['PENALTY_OUT_OF_TIER[act]@2026-09-20T09:00']],
    // outside the legal range too: PENALTY_OUT_OF_LEGAL_RANGE fires instead
    ['heavier', 2_000_000, []],
  ] as const)('%s with fine %d raises %j', (tier, fine, expected) => {
    const events = filedAt('2026-09-14T09:00', [
      'penalty.proposed',
      '2026-09-20T09:00',
      { tier: tier as Tier, fine },
      { eventId: 'act' },
    ]);

    expect(raised(events)).toEqual(expected);
  });

  it('judges the proposal and the decision separately', () => {
    const events = filedAt(
      '2026-09-14T09:00',
      ['penalty.proposed', '2026-09-20T09:00', { tier: 'lighter', fine: 400_000 }],
      ['penalty.decided', '2026-09-28T09:00', { tier: 'lighter', fine: 400_000 }],
    );

    expect(
      signalsOf(runRules(events), PENALTY_OUT_OF_TIER.id).map((s) => `${s.alertKey} ${s.stage}`),
    ).toEqual(['P-1|PENALTY_OUT_OF_TIER|P-1#2 before', 'P-1|PENALTY_OUT_OF_TIER|P-1#3 after']);
  });
});
