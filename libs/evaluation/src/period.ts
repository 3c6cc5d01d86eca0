import { civilFromDays, daysFromCivil, type DayNumber, type WorkingCalendar } from '@app/calendar';

/**
 * An evaluation period: a calendar month (`2026-03`) or a quarter (`2026-Q1`), in the calendar's
 * time zone. Offices score departments per month and publish monthly and quarterly rankings.
 */
export interface Period {
  readonly kind: 'month' | 'quarter';
  /** `2026-03` or `2026-Q1`. */
  readonly label: string;
  /** The months it covers, `YYYY-MM`, in order. */
  readonly months: readonly string[];
  /** The first day of the period and the first day after it. */
  readonly firstDay: DayNumber;
  readonly endDay: DayNumber;
}

export class PeriodError extends Error {}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

const monthLabel = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;

function span(kind: Period['kind'], label: string, year: number, firstMonth: number, count: number): Period {
  const months = Array.from({ length: count }, (_, i) => monthLabel(year, firstMonth + i));
  const next = firstMonth + count;
  return {
    kind,
    label,
    months,
    firstDay: daysFromCivil(year, firstMonth, 1),
    endDay: next > 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, next, 1),
  };
}

/** `2026-03` → March 2026; `2026-Q1` → January to March 2026. */
export function parsePeriod(text: string): Period {
  const month = MONTH.exec(text);
  if (month) return span('month', text, Number(month[1]), Number(month[2]), 1);
  const quarter = QUARTER.exec(text);
  if (quarter) return span('quarter', text, Number(quarter[1]), (Number(quarter[2]) - 1) * 3 + 1, 3);
  throw new PeriodError(
    `period must be a month YYYY-MM (e.g. 2026-03) or a quarter YYYY-Qn (e.g. 2026-Q1); got ${JSON.stringify(text)}`,
  );
}

/** The month of an instant in the calendar's zone, as a period. */
export function monthOf(instantMs: number, calendar: WorkingCalendar): Period {
  const [year, month] = civilFromDays(calendar.dateOf(instantMs));
  return parsePeriod(monthLabel(year, month));
}

/** The instants the period starts and ends at (end exclusive), in the calendar's zone. */
export function periodBounds(period: Period, calendar: WorkingCalendar): { fromMs: number; toMs: number } {
  return { fromMs: calendar.startOf(period.firstDay), toMs: calendar.startOf(period.endDay) };
}
