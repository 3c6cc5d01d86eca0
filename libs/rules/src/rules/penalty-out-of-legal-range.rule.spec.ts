import type { Tier } from '@app/contracts';
import { aBenchmark, aCase, runRules } from '../testing/factories';
import { breaksLegalRange, PENALTY_OUT_OF_LEGAL_RANGE } from './penalty-out-of-legal-range.rule';

// V-001: legal range 100 000 – 1 000 000 fen; tiers exempt [0,0], mitigated [10 000, 99 900],
// lighter [100 000, 300 000], ordinary [300 000, 700 000], heavier [700 000, 1 000 000].
describe(PENALTY_OUT_OF_LEGAL_RANGE.id, () => {
  it.each([
    ['lighter', 99_999, true],
    ['lighter', 100_000, false],
    ['ordinary', 1_000_000, false],
    ['heavier', 1_000_000, false],
    ['heavier', 1_000_001, true],
    ['mitigated', 99_999, false],
    ['mitigated', 100_000, true],
    ['mitigated', 0, false],
    ['exempt', 0, false],
    ['exempt', 1, true],
  ] as const)('%s with fine %d breaks the legal range: %s', (tier, fine, expected) => {
    expect(breaksLegalRange(aBenchmark(), tier, fine)).toBe(expected);
  });

  it.each([
    ['penalty.proposed', 'ordinary', 99_999, ['PENALTY_OUT_OF_LEGAL_RANGE:before']],
    ['penalty.decided', 'heavier', 1_000_001, ['PENALTY_OUT_OF_LEGAL_RANGE:after']],
    ['penalty.decided', 'mitigated', 150_000, ['PENALTY_OUT_OF_LEGAL_RANGE:after']],
    ['penalty.decided', 'exempt', 100, ['PENALTY_OUT_OF_LEGAL_RANGE:after']],
    // inside the legal range but outside the tier: the tier rule, not this one
    ['penalty.decided', 'ordinary', 200_000, ['PENALTY_OUT_OF_TIER:after']],
    ['penalty.decided', 'ordinary', 500_000, []],
  ] as const)('%s %s fine %d raises %j and excludes PENALTY_OUT_OF_TIER', (act, tier, fine, expected) => {
    const c = aCase('P-1', 'CF-001');
    const events = [
      c.event('penalty.filed', '2026-09-14T09:00', { party: { kind: 'organization' } }),
      c.event(act, '2026-09-20T09:00', { tier: tier as Tier, fine }),
    ];
    const ranges = ['PENALTY_OUT_OF_LEGAL_RANGE', 'PENALTY_OUT_OF_TIER'];

    expect(
      runRules(events)
        .filter((s) => ranges.includes(s.ruleId))
        .map((s) => `${s.ruleId}:${s.stage}`),
    ).toEqual(expected);
  });
});
