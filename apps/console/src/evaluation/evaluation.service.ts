import { Inject, Injectable } from '@nestjs/common';
import {
  evaluateDepartments,
  evaluateItems,
  factsFromCounts,
  monthOf,
  parsePeriod,
  periodBounds,
  type EvaluationScheme,
  type FactsRow,
  type ItemRef,
  type Period,
} from '@app/evaluation';
import { CatalogVersionStore, EvaluationStore, loadLiveCatalog, type SignalScope } from '@app/persistence';
import { Clock, TypedConfig } from '@app/platform';
import type { WorkingCalendar } from '@app/calendar';
import type { Department, EvaluationReportView, ItemsReportView, PeriodView } from '@app/contracts';

export const EVALUATION_SCHEME = Symbol('EvaluationScheme');

export class PeriodNotBegun extends Error {}

interface PeriodData {
  parsed: Period;
  period: PeriodView;
  asOf: string;
  rows: FactsRow[];
  departments: Department[];
  items: ItemRef[];
}

/**
 * The performance evaluation (绩效评估) of a month or a quarter: the period's facts from the store,
 * the catalogue version in force at its end (departments, items and their limits, the calendar
 * that decides which month an instant falls in), scored by the scheme of `libs/evaluation`.
 * Computed on request from the projections, so a closure as justified counts at once.
 */
@Injectable()
export class EvaluationService {
  constructor(
    @Inject(EvaluationStore) private readonly store: EvaluationStore,
    @Inject(CatalogVersionStore) private readonly versions: CatalogVersionStore,
    @Inject(TypedConfig) private readonly config: TypedConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(EVALUATION_SCHEME) readonly scheme: EvaluationScheme,
  ) {}

  /** A period given as `YYYY-MM` / `YYYY-Qn`, or the current month (throws `PeriodError`, `PeriodNotBegun`). */
  private async periodData(text: string | undefined, scope: SignalScope): Promise<PeriodData> {
    const now = this.clock.now();
    const { history } = await loadLiveCatalog(this.versions, this.config.values.CATALOG_DIR);
    const current = history.versionAt(now) ?? history.all[0];
    if (!current) throw new Error('the catalogue history has no version');
    const currentCalendar = history.indexOf(current).calendar;
    const period = text ? parsePeriod(text) : monthOf(now, currentCalendar);
    const { fromMs, toMs } = periodBounds(period, currentCalendar);
    if (fromMs > now) throw new PeriodNotBegun(`period ${period.label} has not begun`);
    // the catalogue in force at the end of the period (or now, for a running period)
    const atEnd = history.versionAt(Math.min(now, toMs - 1)) ?? current;
    const calendar: WorkingCalendar = history.indexOf(atEnd).calendar;
    const bounds = periodBounds(period, calendar);
    const rows = factsFromCounts(
      await this.store.counts({
        ...bounds,
        timeZone: calendar.timeZone,
        asOfMs: now,
        departmentId: scope.departmentId,
      }),
    );
    return {
      parsed: period,
      period: viewOf(period, bounds, now),
      asOf: new Date(now).toISOString(),
      rows,
      departments: atEnd.data.departments,
      items: atEnd.data.items.map((item) => ({
        code: item.code,
        name: item.name,
        departmentId: item.departmentId,
        promisedDays: item.promisedDays,
        legalDays: item.legalDays,
      })),
    };
  }

  /**
   * Every department ranked; an officer's scope keeps only their own row (its rank is among all
   * departments, so the facts of all are read, but only the officer's leaves the console).
   */
  async report(period: string | undefined, scope: SignalScope): Promise<EvaluationReportView> {
    const data = await this.periodData(period, { departmentId: null });
    const ranked = evaluateDepartments({
      period: data.parsed,
      departments: data.departments,
      items: data.items,
      rows: data.rows,
      scheme: this.scheme,
    });
    return {
      period: data.period,
      asOf: data.asOf,
      office: this.config.values.OFFICE_NAME,
      scheme: { name: this.scheme.name, base: this.scheme.base },
      departmentId: scope.departmentId,
      ranked: ranked.length,
      departments:
        scope.departmentId === null ? ranked : ranked.filter((d) => d.departmentId === scope.departmentId),
    };
  }

  /** Indicators per item of one department (an officer: always their own), or of every department. */
  async items(period: string | undefined, departmentId: string | null): Promise<ItemsReportView> {
    const data = await this.periodData(period, { departmentId });
    return {
      period: data.period,
      asOf: data.asOf,
      departmentId,
      items: evaluateItems(
        { items: data.items, rows: data.rows },
        departmentId === null ? undefined : new Set([departmentId]),
      ),
    };
  }
}

function viewOf(period: Period, bounds: { fromMs: number; toMs: number }, now: number): PeriodView {
  return {
    label: period.label,
    kind: period.kind,
    months: [...period.months],
    from: new Date(bounds.fromMs).toISOString(),
    to: new Date(bounds.toMs).toISOString(),
    running: now < bounds.toMs,
  };
}
