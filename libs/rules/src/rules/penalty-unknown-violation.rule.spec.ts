import type { Tier } from '@app/contracts';
import { aBenchmark, aCase, aCatalog, runRules } from '../testing/factories';
import { PENALTY_UNKNOWN_VIOLATION } from './penalty-unknown-violation.rule';

const PENALTY_RULES = [
  'PENALTY_UNKNOWN_VIOLATION',
  'PENALTY_OUT_OF_LEGAL_RANGE',
  'PENALTY_OUT_OF_TIER',
  'HEARING_NOT_NOTIFIED',
  'PENALTY_PEER_DEVIATION',
];

function penaltyCase(
  act: 'penalty.proposed' | 'penalty.decided',
  violationCode: string,
  tier: Tier,
  fine: number,
) {
  const c = aCase('P-1', 'CF-001');
  return [
    c.event('penalty.filed', '2026-09-14T09:00', { party: { kind: 'person' } }),
    c.event(act, '2026-09-20T09:00', { violationCode, tier, fine }, { eventId: 'act' }),
  ];
}

// V-001 defines every tier; V-002 has no mitigated tier.
describe(PENALTY_UNKNOWN_VIOLATION.id, () => {
  const catalog = aCatalog({
    benchmarks: [
      aBenchmark(),
      aBenchmark({ violationCode: 'V-002', tiers: { ordinary: [300_000, 700_000] } }),
    ],
  });

  it.each([
    ['penalty.proposed', 'V-001', 'ordinary', 500_000, []],
    ['penalty.proposed', 'V-999', 'ordinary', 500_000, ['PENALTY_UNKNOWN_VIOLATION:before']],
    ['penalty.decided', 'V-999', 'ordinary', 500_000, ['PENALTY_UNKNOWN_VIOLATION:after']],
    ['penalty.proposed', 'V-002', 'mitigated', 50_000, ['PENALTY_UNKNOWN_VIOLATION:before']],
    // an unknown violation ends the check: no range, hearing or peer rule even for a huge fine
    ['penalty.decided', 'V-999', 'heavier', 900_000_000, ['PENALTY_UNKNOWN_VIOLATION:after']],
  ] as const)('%s %s/%s fine %d raises %j', (act, violationCode, tier, fine, expected) => {
    const signals = runRules(penaltyCase(act, violationCode, tier, fine), { catalog });

    expect(
      signals.filter((s) => PENALTY_RULES.includes(s.ruleId)).map((s) => `${s.ruleId}:${s.stage}`),
    ).toEqual(expected);
  });

  it('names what is missing', () => {
    const [signal] = runRules(penaltyCase('penalty.proposed', 'V-002', 'mitigated', 50_000), { catalog });

    expect(signal).toMatchObject({
      alertKey: 'P-1|PENALTY_UNKNOWN_VIOLATION|act',
      details: { problem: 'tier not defined' },
    });
  });
});
