import { DayNumber, WorkingCalendar } from '@app/calendar';
import { Random } from './random';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Office hours of Chinese government service halls: 09:00–12:00 and 13:30–17:30. */
const MORNING_START = 9 * 60;
const MORNING_MINUTES = 180;
const AFTERNOON_START = 13 * 60 + 30;
export const WORK_MINUTES_PER_DAY = 420;

/** `2026-03-02T09:15:07+08:00`: RFC 3339 with the calendar zone's offset, second precision. */
export function formatInstant(instantMs: number, offsetMinutes = 480): string {
  const local = new Date(instantMs + offsetMinutes * MINUTE).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offsetMinutes) % 60).padStart(2, '0');
  return `${local}${sign}${hours}:${minutes}`;
}

/**
 * Office time on top of the working calendar: where in the working day an instant lies, a random
 * working instant on a day, the working day n days later. Every random choice comes from the
 * `Random` it is given.
 */
export class WorkTime {
  readonly offsetMinutes: number;

  constructor(
    readonly calendar: WorkingCalendar,
    private readonly random: Random,
  ) {
    // startOf(day 0) is 1970-01-01T00:00 local, i.e. minus the zone's offset
    this.offsetMinutes = -calendar.startOf(0) / MINUTE || 0;
  }

  format(instantMs: number): string {
    return formatInstant(instantMs, this.offsetMinutes);
  }

  dateOf(instantMs: number): DayNumber {
    return this.calendar.dateOf(instantMs);
  }

  /** Minutes since local midnight. */
  minuteOfDay(instantMs: number): number {
    return Math.floor((instantMs - this.calendar.startOf(this.dateOf(instantMs))) / MINUTE);
  }

  /** The instant at a working minute (0 ≤ m < 420) of a day, plus seconds. */
  at(day: DayNumber, workMinute: number, seconds = 0): number {
    const minute =
      workMinute < MORNING_MINUTES
        ? MORNING_START + workMinute
        : AFTERNOON_START + (workMinute - MORNING_MINUTES);
    return this.calendar.startOf(day) + minute * MINUTE + seconds * 1000;
  }

  /** How far into the working day an instant is, clamped to [0, 420]. */
  workMinuteOf(instantMs: number): number {
    const minute = this.minuteOfDay(instantMs);
    if (minute < MORNING_START) return 0;
    if (minute < MORNING_START + MORNING_MINUTES) return minute - MORNING_START;
    if (minute < AFTERNOON_START) return MORNING_MINUTES;
    return Math.min(WORK_MINUTES_PER_DAY, MORNING_MINUTES + minute - AFTERNOON_START);
  }

  isOfficeHours(instantMs: number): boolean {
    if (!this.calendar.isWorkingDay(this.dateOf(instantMs))) return false;
    const minute = this.minuteOfDay(instantMs);
    return (
      (minute >= MORNING_START && minute < MORNING_START + MORNING_MINUTES) ||
      (minute >= AFTERNOON_START && minute < AFTERNOON_START + WORK_MINUTES_PER_DAY - MORNING_MINUTES)
    );
  }

  /**
   * A random office-hours instant on `day`; when `after` is on the same day, a later one (skewed
   * towards soon). Late in the day that can mean a few minutes of overtime, never the next day.
   */
  placeOn(day: DayNumber, after?: number): number {
    if (after === undefined || this.dateOf(after) < day)
      return this.at(day, this.random.int(0, WORK_MINUTES_PER_DAY - 1), this.random.int(0, 59));
    const sameDay = this.dateOf(after);
    const fromMinute = this.workMinuteOf(after);
    if (fromMinute < WORK_MINUTES_PER_DAY - 2) {
      const room = WORK_MINUTES_PER_DAY - 1 - fromMinute;
      const step = 1 + Math.floor(room * this.random.next() ** 2);
      const candidate = this.at(sameDay, fromMinute + step, this.random.int(0, 59));
      if (candidate > after) return candidate;
    }
    return this.soonAfter(after, 1, 8);
  }

  /** `after` plus a few minutes, on the same local day. */
  soonAfter(after: number, minMinutes: number, maxMinutes: number): number {
    const candidate = after + this.random.int(minMinutes * 60, maxMinutes * 60) * 1000;
    const lastSecond = this.calendar.endOf(this.dateOf(after)) - 1000;
    return Math.max(after, Math.min(candidate, lastSecond));
  }

  /** The office day n working days after `base`; n = 0 is `base` itself when it is a working day. */
  workdayAfter(base: DayNumber, n: number): DayNumber {
    return n <= 0 ? this.calendar.nextWorkingDayFrom(base) : this.calendar.addDays(base, n);
  }

  /** Number of working days in (from, to]. */
  workdaysBetween(from: DayNumber, to: DayNumber): number {
    return this.calendar.countDays(from, to);
  }

  /** The next office-hours instant at or after `instantMs` (a few minutes into the window). */
  nextOfficeInstant(instantMs: number): number {
    if (this.isOfficeHours(instantMs)) return instantMs;
    let day = this.dateOf(instantMs);
    if (this.calendar.isWorkingDay(day) && this.workMinuteOf(instantMs) < WORK_MINUTES_PER_DAY) {
      const candidate = this.at(day, this.workMinuteOf(instantMs), 0) + this.random.int(1, 20) * MINUTE;
      if (candidate > instantMs) return candidate;
    }
    day = this.calendar.addDays(day, 1);
    return this.at(day, this.random.int(0, 30), this.random.int(0, 59));
  }

  /** A random instant between 08:00 and 22:00 on a day: applicants online, any day of the week. */
  onlineOn(day: DayNumber, after?: number): number {
    const start = this.calendar.startOf(day) + 8 * HOUR;
    const end = this.calendar.startOf(day) + 22 * HOUR;
    const from = after !== undefined && after >= start ? after + MINUTE : start;
    if (from >= end) return after !== undefined ? this.soonAfter(after, 1, 5) : end;
    return from + Math.floor(this.random.next() * (end - from));
  }
}
