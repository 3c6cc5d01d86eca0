/**
 * The catalogue as the rule engine reads it: lookups by code and a working calendar. Pure (no
 * I/O): `libs/rules` imports it through `@app/catalog`.
 */
import { WorkingCalendar } from '@app/calendar';
import type { CatalogData, Department, Fee, Item, PenaltyBenchmark, Settings } from '@app/contracts';

export interface CatalogIndex {
  readonly data: CatalogData;
  /** By item code (事项编码). */
  readonly items: ReadonlyMap<string, Item>;
  /** By fee code. */
  readonly fees: ReadonlyMap<string, Fee>;
  /** Penalty benchmarks (裁量基准) by violation code. */
  readonly benchmarks: ReadonlyMap<string, PenaltyBenchmark>;
  /** By department id. */
  readonly departments: ReadonlyMap<string, Department>;
  readonly calendar: WorkingCalendar;
  readonly settings: Settings;
}

function byKey<T>(entries: readonly T[], keyOf: (entry: T) => string): Map<string, T> {
  return new Map(entries.map((entry) => [keyOf(entry), entry]));
}

/** Builds the lookups of one catalogue version. Expects data that `parseCatalog` accepted. */
export function buildCatalogIndex(data: CatalogData): CatalogIndex {
  return {
    data,
    items: byKey(data.items, (item) => item.code),
    fees: byKey(data.fees, (fee) => fee.code),
    benchmarks: byKey(data.discretion, (benchmark) => benchmark.violationCode),
    departments: byKey(data.departments, (department) => department.id),
    calendar: new WorkingCalendar(data.calendar),
    settings: data.settings,
  };
}
