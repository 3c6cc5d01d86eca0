import type { PartyKind, PenaltyBenchmark } from '@app/contracts';
import { aDecision, fineIn, TIER_ORDER } from '../penalty-decision';
import { defineIrregularity } from './irregularity';
import { at, first, ofType } from './shared';

/** Whether some tier allows a fine that needs a hearing notice for this kind of party. */
function hearingNeededPossible(benchmarks: readonly PenaltyBenchmark[], partyKind: PartyKind): boolean {
  return benchmarks.some((benchmark) =>
    TIER_ORDER.some(
      (tier) =>
        tier !== 'exempt' && (benchmark.tiers[tier]?.[1] ?? -1) >= benchmark.hearingThreshold[partyKind],
    ),
  );
}

/** A fine at or above the hearing threshold without telling the party of its right to a hearing (听证). */
export const HEARING_NOT_NOTIFIED = defineIrregularity({
  kind: 'HEARING_NOT_NOTIFIED',
  caseKinds: ['penalty'],
  compressible: true,
  fits: (item, _startDay, catalog) => {
    const benchmarks = catalog.benchmarksOf(item);
    return hearingNeededPossible(benchmarks, 'person') || hearingNeededPossible(benchmarks, 'organization');
  },
  partyKind: ({ catalog, item }, drawn) =>
    hearingNeededPossible(catalog.benchmarksOf(item), drawn)
      ? drawn
      : drawn === 'person'
        ? 'organization'
        : 'person',
  decide(d) {
    const { random } = d;
    const options = d.benchmarks.flatMap((benchmark) =>
      TIER_ORDER.flatMap((tier) => {
        const range = benchmark.tiers[tier];
        return range && tier !== 'exempt' && range[1] >= d.threshold(benchmark)
          ? [{ benchmark, tier, range }]
          : [];
      }),
    );
    const chosen = random.pick(options);
    const fine = fineIn(random, [Math.max(chosen.range[0], d.threshold(chosen.benchmark)), chosen.range[1]]);
    return aDecision(chosen.benchmark.violationCode, chosen.tier, fine, fine, false);
  },
  shows: (generated, { index }) => {
    const decided = first(generated, 'penalty.decided');
    const filed = first(generated, 'penalty.filed');
    const benchmark = decided && index.benchmarks.get(decided.payload.violationCode);
    if (!decided || !filed || !benchmark) return false;
    return (
      decided.payload.fine >= benchmark.hearingThreshold[filed.payload.party.kind] &&
      !ofType(generated, 'penalty.hearing_notified').some((event) => at(event) <= at(decided))
    );
  },
});
