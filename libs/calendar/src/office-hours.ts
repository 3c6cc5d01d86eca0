import type { WorkingCalendar } from './working-calendar';

/** Opening hours of a working day, in minutes after local midnight (08:30 → 510). */
export interface OfficeHours {
  opensAt: number;
  closesAt: number;
}

/** Parses `HH:mm–HH:mm` as written in the configuration (`08:30-17:30`). */
export function parseOfficeHours(text: string): OfficeHours {
  const match = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(text);
  if (!match) throw new Error(`office hours ${JSON.stringify(text)}: expected HH:mm-HH:mm, e.g. 08:30-17:30`);
  const [opensH, opensM, closesH, closesM] = match.slice(1).map(Number) as [number, number, number, number];
  const opensAt = opensH * 60 + opensM;
  const closesAt = closesH * 60 + closesM;
  if (opensM > 59 || closesM > 59 || closesH > 24 || !(opensAt < closesAt && closesAt <= 24 * 60)) {
    throw new Error(
      `office hours ${JSON.stringify(text)}: the opening must come before the closing, within a day`,
    );
  }
  return { opensAt, closesAt };
}

/** Whether an instant falls in office hours of a working day (调休 Sundays count, holidays do not). */
export function isOfficeTime(calendar: WorkingCalendar, hours: OfficeHours, instantMs: number): boolean {
  const day = calendar.dateOf(instantMs);
  if (!calendar.isWorkingDay(day)) return false;
  const minute = (instantMs - calendar.startOf(day)) / 60_000;
  return minute >= hours.opensAt && minute < hours.closesAt;
}

/**
 * The next opening of the office at or after an instant: the instant itself in office hours, else
 * the opening of today (before hours on a working day) or of the next working day.
 */
export function nextOfficeOpening(calendar: WorkingCalendar, hours: OfficeHours, instantMs: number): number {
  if (isOfficeTime(calendar, hours, instantMs)) return instantMs;
  const today = calendar.dateOf(instantMs);
  const openingToday = calendar.startOf(today) + hours.opensAt * 60_000;
  if (calendar.isWorkingDay(today) && instantMs < openingToday) return openingToday;
  return calendar.startOf(calendar.nextWorkingDayFrom(today + 1)) + hours.opensAt * 60_000;
}
