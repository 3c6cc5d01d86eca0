import type { PenaltyBenchmark, Tier } from '@app/contracts';
import { aDecision, fineIn } from '../penalty-decision';
import { defineIrregularity } from './irregularity';
import { penaltyActs, pickOffered, someBenchmarkOffers } from './shared';

/** (declared tier, range to draw from) pairs: a fine of another tier, still within the legal range. */
function outOfTierChoices(benchmark: PenaltyBenchmark): [Tier, [number, number]][] {
  const choices: [Tier, [number, number]][] = [];
  for (const declared of ['lighter', 'ordinary', 'heavier'] as const) {
    const own = benchmark.tiers[declared];
    if (!own) continue;
    for (const other of ['lighter', 'ordinary', 'heavier'] as const) {
      const range = benchmark.tiers[other];
      if (other === declared || !range) continue;
      const low = Math.max(range[0], benchmark.legalMin);
      const high = Math.min(range[1], benchmark.legalMax);
      // the part of the other tier's range outside the declared one
      const below: [number, number] = [low, Math.min(high, own[0] - 1)];
      const above: [number, number] = [Math.max(low, own[1] + 1), high];
      for (const candidate of [below, above])
        if (
          candidate[0] <= candidate[1] &&
          Math.ceil(candidate[0] / 10_000) <= Math.floor(candidate[1] / 10_000)
        )
          choices.push([declared, candidate]);
    }
  }
  return choices;
}

/** A fine within the legal range but outside the range of the tier declared. */
export const PENALTY_OUT_OF_TIER = defineIrregularity({
  kind: 'PENALTY_OUT_OF_TIER',
  caseKinds: ['penalty'],
  compressible: true,
  fits: someBenchmarkOffers(outOfTierChoices),
  decide(d) {
    const [benchmark, [tier, range]] = pickOffered(d, outOfTierChoices);
    const fine = fineIn(d.random, range);
    return aDecision(benchmark.violationCode, tier, fine, fine, fine >= d.threshold(benchmark));
  },
  shows: (generated, { index }) =>
    penaltyActs(generated).some((event) => {
      const range = index.benchmarks.get(event.payload.violationCode)?.tiers[event.payload.tier];
      return !!range && (event.payload.fine < range[0] || event.payload.fine > range[1]);
    }),
});
