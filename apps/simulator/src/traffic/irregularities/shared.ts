import type { DayNumber } from '@app/calendar';
import type { Item, PenaltyBenchmark } from '@app/contracts';
import type { CatalogLookups } from '../lifecycle';
import { TIER_ORDER } from '../penalty-decision';
import type { DecisionContext, Irregularity } from './irregularity';

/** An application lacking one or two of the required materials (asked to supplement or refused). */
export const SOME_MATERIALS_MISSING = {
  fits: (item) => item.requiredMaterials.length >= 1,
  missingMaterials: ({ random, item }) => Math.min(random.int(1, 2), item.requiredMaterials.length),
} satisfies Partial<Irregularity>;

/** The item has a fee in force with an amount, to charge wrongly. */
export function hasFeeInForce(item: Item, startDay: DayNumber, catalog: CatalogLookups): boolean {
  return catalog.activeFee(item, startDay) !== undefined;
}

/**
 * The case collects money to pay wrongly: a licensing item has a fee in force; a penalty item
 * allows fines above what may be collected on the spot.
 */
export function collectsMoney(item: Item, startDay: DayNumber, catalog: CatalogLookups): boolean {
  const limit = catalog.index.settings.onSpotFineLimit;
  return item.kind === 'licensing'
    ? hasFeeInForce(item, startDay, catalog)
    : catalog
        .benchmarksOf(item)
        .some((benchmark) =>
          TIER_ORDER.some((tier) => tier !== 'exempt' && (benchmark.tiers[tier]?.[1] ?? 0) > limit),
        );
}

/** The choices a benchmark offers an irregular decision. */
type Offered<T> = (benchmark: PenaltyBenchmark) => readonly T[];

/** Whether some benchmark of the item offers one of the choices. */
export function someBenchmarkOffers<T>(choices: Offered<T>) {
  return (item: Item, _startDay: DayNumber, catalog: CatalogLookups): boolean =>
    catalog.benchmarksOf(item).some((benchmark) => choices(benchmark).length > 0);
}

/** A benchmark that offers some of the choices, and one of them. */
export function pickOffered<T>(
  { random, benchmarks }: DecisionContext,
  choices: Offered<T>,
): [PenaltyBenchmark, T] {
  const benchmark = random.pick(benchmarks.filter((candidate) => choices(candidate).length > 0));
  return [benchmark, random.pick(choices(benchmark))];
}
