import type { Level } from '@app/contracts';
import type { WorkingCalendar } from '@app/calendar';

/** 督办期限 per level, in working days (0: the level has no deadline). */
export type ResponseDays = Record<Level, number>;

/**
 * When a department's answer to a signal is due: the end of the n-th working day after the day the
 * platform registered it (the start day is not counted, as in `docs/rules.md` § Time), so a signal found
 * on a Friday evening before a holiday still gets n full working days. Null when the level has none.
 */
export function responseDeadline(
  registeredAtMs: number,
  level: Level,
  days: ResponseDays,
  calendar: WorkingCalendar,
): number | null {
  const n = days[level];
  if (n <= 0) return null;
  return calendar.endOf(calendar.addDays(calendar.dateOf(registeredAtMs), n));
}
