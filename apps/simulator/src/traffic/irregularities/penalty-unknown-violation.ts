import { aDecision, PenaltyDecision, TIER_ORDER } from '../penalty-decision';
import { DecisionContext, defineIrregularity } from './irregularity';
import { penaltyActs } from './shared';

/**
 * A penalty for a violation the benchmarks do not know, or in a tier its benchmark does not
 * define. Also what any penalty case decides when the catalogue has no benchmarks at all.
 */
export function unknownViolation({ random, catalog, item, benchmarks }: DecisionContext): PenaltyDecision {
  const known = benchmarks.length > 0 ? random.pick(benchmarks) : undefined;
  const undefinedTiers = known ? TIER_ORDER.filter((tier) => !known.tiers[tier]) : [];
  const fine = random.int(1, 50) * 10_000;
  if (known && undefinedTiers.length > 0 && random.chance(0.5)) {
    const tier = random.pick(undefinedTiers);
    return aDecision(known.violationCode, tier, fine, fine, false);
  }
  let code = `${item.code}-9${random.int(1, 9)}`;
  while (catalog.index.benchmarks.has(code)) code = `${code}9`;
  return aDecision(code, 'ordinary', fine, fine, false);
}

export const PENALTY_UNKNOWN_VIOLATION = defineIrregularity({
  kind: 'PENALTY_UNKNOWN_VIOLATION',
  caseKinds: ['penalty'],
  compressible: true,
  decide: unknownViolation,
  shows: (generated, { index }) =>
    penaltyActs(generated).some((event) => {
      const benchmark = index.benchmarks.get(event.payload.violationCode);
      return !benchmark || !benchmark.tiers[event.payload.tier];
    }),
});
