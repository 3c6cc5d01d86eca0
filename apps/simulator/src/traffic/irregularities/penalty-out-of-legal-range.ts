import type { PenaltyBenchmark, Tier } from '@app/contracts';
import { aDecision, fineIn } from '../penalty-decision';
import type { Random } from '../random';
import { defineIrregularity } from './irregularity';
import { penaltyActs, pickOffered, someBenchmarkOffers } from './shared';

type FineVariant = (random: Random) => [Tier, number];

/** Ways to set a fine outside the legal range with a tier the benchmark defines. */
function outOfRangeVariants(benchmark: PenaltyBenchmark): FineVariant[] {
  const { legalMin, legalMax, tiers } = benchmark;
  const variants: FineVariant[] = [];
  const upper = (['heavier', 'ordinary', 'lighter'] as const).find((tier) => tiers[tier]);
  if (upper)
    variants.push((random) => [
      upper,
      legalMax + Math.max(10_000, Math.round((legalMax * random.int(10, 50)) / 100 / 10_000) * 10_000),
    ]);
  const lower = (['lighter', 'ordinary'] as const).find((tier) => tiers[tier]);
  if (lower && legalMin > 0)
    variants.push((random) => [lower, Math.floor((legalMin * random.int(30, 90)) / 100)]);
  if (tiers.exempt) variants.push((random) => ['exempt', random.int(1, 50) * 10_000]);
  if (tiers.mitigated && legalMin > 0)
    variants.push((random) => ['mitigated', fineIn(random, [legalMin, legalMax])]);
  return variants;
}

/** A fine decided outside the legal range (sometimes proposed within it). */
export const PENALTY_OUT_OF_LEGAL_RANGE = defineIrregularity({
  kind: 'PENALTY_OUT_OF_LEGAL_RANGE',
  caseKinds: ['penalty'],
  compressible: true,
  fits: someBenchmarkOffers(outOfRangeVariants),
  decide(d) {
    const { random } = d;
    const [benchmark, variant] = pickOffered(d, outOfRangeVariants);
    const [tier, fine] = variant(random);
    const decided = aDecision(benchmark.violationCode, tier, fine, fine, fine >= d.threshold(benchmark));
    if (random.chance(0.5)) {
      const [proposedTier, range] = d.regularTier(benchmark);
      decided.proposedTier = proposedTier;
      decided.proposedFine = fineIn(random, range);
    }
    return decided;
  },
  shows: (generated, { index }) =>
    penaltyActs(generated).some((event) => {
      const benchmark = index.benchmarks.get(event.payload.violationCode);
      if (!benchmark?.tiers[event.payload.tier]) return false;
      const { fine, tier } = event.payload;
      if (tier === 'exempt') return fine > 0;
      if (tier === 'mitigated') return fine >= benchmark.legalMin;
      return fine < benchmark.legalMin || fine > benchmark.legalMax;
    }),
});
