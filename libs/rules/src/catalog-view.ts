import type { WorkingCalendar } from '@app/calendar';
import type { Fee, Item, PenaltyBenchmark, Settings } from '@app/contracts';

/**
 * What the rules read from one catalogue version. `@app/catalog`'s `CatalogIndex` (built by
 * `buildCatalogIndex`) satisfies it; tests build one directly.
 */
export interface RuleCatalog {
  /** Items by `code`. */
  readonly items: ReadonlyMap<string, Item>;
  /** Fees by `code`. */
  readonly fees: ReadonlyMap<string, Fee>;
  /** Penalty benchmarks (裁量基准) by `violationCode`. */
  readonly benchmarks: ReadonlyMap<string, PenaltyBenchmark>;
  readonly calendar: WorkingCalendar;
  readonly settings: Settings;
}
