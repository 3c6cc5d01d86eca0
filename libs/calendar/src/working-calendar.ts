import { DayNumber, MS_PER_DAY, formatLocalDate, parseLocalDate, weekdayOf, yearOf } from './local-date';

export type TimeUnit = 'workday' | 'calendar';

/** The `calendar.json` format of the catalogue (`docs/catalogue.md`). */
export interface CalendarSpec {
  timeZone: string;
  holidays: string[];
  workdays: string[];
}

/**
 * Zones this calendar knows, as fixed UTC offsets. China has had no daylight saving since 1991,
 * so a fixed offset is exact for every date the product handles.
 */
const FIXED_OFFSET_MINUTES: Record<string, number> = {
  'Asia/Shanghai': 480,
  'Asia/Chongqing': 480,
  'Asia/Harbin': 480,
  'Asia/Urumqi': 480,
  'Asia/Hong_Kong': 480,
  'Asia/Macau': 480,
  UTC: 0,
};

/**
 * Working-day arithmetic exactly as `docs/rules.md` § Time defines it. Days are day numbers in the
 * calendar's zone; instants are epoch milliseconds.
 */
export class WorkingCalendar {
  readonly timeZone: string;
  private readonly offsetMs: number;
  private readonly holidays: ReadonlySet<DayNumber>;
  private readonly workdays: ReadonlySet<DayNumber>;
  /** Years that have at least one holiday or make-up day listed: the years the schedule covers. */
  readonly coveredYears: ReadonlySet<number>;

  constructor(spec: CalendarSpec) {
    const offsetMinutes = FIXED_OFFSET_MINUTES[spec.timeZone];
    if (offsetMinutes === undefined) {
      throw new Error(
        `unsupported timeZone ${JSON.stringify(spec.timeZone)}; supported: ${Object.keys(FIXED_OFFSET_MINUTES).join(', ')}`,
      );
    }
    this.timeZone = spec.timeZone;
    this.offsetMs = offsetMinutes * 60_000;
    this.holidays = new Set(spec.holidays.map(parseLocalDate));
    this.workdays = new Set(spec.workdays.map(parseLocalDate));
    this.coveredYears = new Set([...this.holidays, ...this.workdays].map(yearOf));
  }

  /** `date(t)`: the local date of an instant. */
  dateOf(instantMs: number): DayNumber {
    return Math.floor((instantMs + this.offsetMs) / MS_PER_DAY);
  }

  /** 00:00 local time of a date, as an instant. */
  startOf(day: DayNumber): number {
    return day * MS_PER_DAY - this.offsetMs;
  }

  /** `endOf(d)`: 00:00 of the next day, local time. */
  endOf(day: DayNumber): number {
    return this.startOf(day + 1);
  }

  isWorkingDay(day: DayNumber): boolean {
    if (this.workdays.has(day)) return true;
    if (this.holidays.has(day)) return false;
    const weekday = weekdayOf(day);
    return weekday !== 0 && weekday !== 6;
  }

  /** Whether the official schedule covers the date's year (outside it only weekends count). */
  covers(day: DayNumber): boolean {
    return this.coveredYears.has(yearOf(day));
  }

  /** `addDays(d, n)`: the n-th working day strictly after d, or d + n calendar days rolled forward to a working day. */
  addDays(day: DayNumber, n: number, unit: TimeUnit = 'workday'): DayNumber {
    if (unit === 'calendar') return this.nextWorkingDayFrom(day + n);
    let current = day;
    for (let remaining = n; remaining > 0; ) {
      current += 1;
      if (this.isWorkingDay(current)) remaining -= 1;
    }
    return current;
  }

  /** `subDays(d, n)`: the n-th working day (or calendar day) strictly before d. */
  subDays(day: DayNumber, n: number, unit: TimeUnit = 'workday'): DayNumber {
    if (unit === 'calendar') return day - n;
    let current = day;
    for (let remaining = n; remaining > 0; ) {
      current -= 1;
      if (this.isWorkingDay(current)) remaining -= 1;
    }
    return current;
  }

  /** The number of working days (or calendar days) in the half-open range (from, to]. */
  countDays(fromExclusive: DayNumber, toInclusive: DayNumber, unit: TimeUnit = 'workday'): number {
    if (toInclusive <= fromExclusive) return 0;
    if (unit === 'calendar') return toInclusive - fromExclusive;
    let count = 0;
    for (let day = fromExclusive + 1; day <= toInclusive; day += 1) if (this.isWorkingDay(day)) count += 1;
    return count;
  }

  /** The first working day on or after a date. */
  nextWorkingDayFrom(day: DayNumber): DayNumber {
    let current = day;
    while (!this.isWorkingDay(current)) current += 1;
    return current;
  }

  /** Dates among `days` whose year the schedule does not cover, formatted, for warnings. */
  uncovered(days: Iterable<DayNumber>): string[] {
    const missing = new Set<string>();
    for (const day of days) if (!this.covers(day)) missing.add(String(yearOf(day)));
    return [...missing].sort();
  }

  format(day: DayNumber): string {
    return formatLocalDate(day);
  }
}
