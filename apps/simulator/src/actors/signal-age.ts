import type { WorkingCalendar } from '@app/calendar';

const DAY_MS = 86_400_000;

/**
 * How long a signal has waited, in days: with a working calendar, only the time on working days
 * counts (a signal raised on Friday evening is a few hours old on Monday morning); without one,
 * every day counts.
 */
export function ageInWorkingDays(raisedAt: number, now: number, calendar?: WorkingCalendar): number {
  if (now <= raisedAt) return 0;
  if (!calendar) return (now - raisedAt) / DAY_MS;
  const raisedDay = calendar.dateOf(raisedAt);
  const today = calendar.dateOf(now);
  if (today === raisedDay) return calendar.isWorkingDay(today) ? (now - raisedAt) / DAY_MS : 0;
  let waited = calendar.countDays(raisedDay, today - 1) * DAY_MS;
  if (calendar.isWorkingDay(raisedDay)) waited += calendar.endOf(raisedDay) - raisedAt;
  if (calendar.isWorkingDay(today)) waited += now - calendar.startOf(today);
  return waited / DAY_MS;
}
