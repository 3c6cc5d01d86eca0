// What the irregularities share: helpers of their hooks, then of their checks (`shows`).
import type { DayNumber } from '@app/calendar';
import type { CatalogIndex } from '@app/catalog';
import type { ApprovalEvent, ApprovalEventOf, EventType, Item, PenaltyBenchmark } from '@app/contracts';
import type { CatalogLookups } from '../lifecycle';
import { TIER_ORDER } from '../penalty-decision';
import type { CheckContext, DecisionContext, Irregularity, ShownCase } from './irregularity';

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

// ------------------------------------------------ for `Irregularity.shows`

/** The instant an event occurred, in epoch ms. */
export const at = (event: ApprovalEvent): number => Date.parse(event.occurredAt);

/** Whether a text is missing or only spaces. */
export const blank = (text: string | undefined): boolean => text === undefined || text.trim() === '';

/** The case's events of a type, in order. */
export function ofType<T extends EventType>(generated: ShownCase, type: T): ApprovalEventOf<T>[] {
  return generated.events.filter((event): event is ApprovalEventOf<T> => event.type === type);
}

/** The case's first event of a type. */
export function first<T extends EventType>(generated: ShownCase, type: T): ApprovalEventOf<T> | undefined {
  return ofType(generated, type)[0];
}

/** The case's penalty acts, the proposals then the decisions: what the fine checks judge. */
export function penaltyActs(
  generated: ShownCase,
): (ApprovalEventOf<'penalty.proposed'> | ApprovalEventOf<'penalty.decided'>)[] {
  return [...ofType(generated, 'penalty.proposed'), ...ofType(generated, 'penalty.decided')];
}

/** The end (exclusive) of the n-th day after an instant's date, in the item's unit. */
export function deadlineAfter(
  index: CatalogIndex,
  instant: number,
  days: number,
  unit: Item['timeUnit'] = 'workday',
): number {
  const calendar = index.calendar;
  return calendar.endOf(calendar.addDays(calendar.dateOf(instant), days, unit));
}

/** The events that start (acceptance, filing) and stop (completion, decision) the case's clock. */
export function clockEvents(generated: ShownCase): { start?: ApprovalEvent; stop?: ApprovalEvent } {
  const start = first(generated, 'case.accepted') ?? first(generated, 'penalty.filed');
  const stop = first(generated, 'case.completed') ?? first(generated, 'penalty.decided');
  return { ...(start ? { start } : {}), ...(stop ? { stop } : {}) };
}

/** The catalogue's item of the case's item code, if it has one. */
export function itemOf(generated: ShownCase, context: CheckContext): Item | undefined {
  return context.index.items.get(generated.itemCode);
}

/**
 * For the time-limit checks: whether a case never suspended (its limits never moved) stopped its
 * clock at or after the deadline `deadline(item, start)` of the item, from the instant it started.
 */
export function stoppedAtOrAfter(
  generated: ShownCase,
  context: CheckContext,
  deadline: (item: Item, startMs: number) => number,
): boolean {
  const item = itemOf(generated, context);
  const { start, stop } = clockEvents(generated);
  if (!item || !start || !stop || first(generated, 'case.suspended')) return false;
  return at(stop) >= deadline(item, at(start));
}
