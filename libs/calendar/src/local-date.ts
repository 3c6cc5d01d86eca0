import { daysFromCivil } from '@app/contracts';

/**
 * A local calendar date as a day number: days since 1970-01-01. Integers compare, add and hash
 * cheaply, which matters when a million deadlines are computed. Conversions are pure arithmetic
 * (Howard Hinnant's civil-from-days), no Date objects and no time-zone database.
 */
export type DayNumber = number;

export const MS_PER_DAY = 86_400_000;

export function parseLocalDate(text: string): DayNumber {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new Error(`not a YYYY-MM-DD date: ${JSON.stringify(text)}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const dayNumber = daysFromCivil(year, month, day);
  const [y2, m2, d2] = civilFromDays(dayNumber);
  if (y2 !== year || m2 !== month || d2 !== day) throw new Error(`no such date: ${text}`);
  return dayNumber;
}

export function formatLocalDate(day: DayNumber): string {
  const [y, m, d] = civilFromDays(day);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function yearOf(day: DayNumber): number {
  return civilFromDays(day)[0];
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOf(day: DayNumber): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The day number of a date: the same arithmetic as the event contract's instants. */
export { daysFromCivil };

export function civilFromDays(dayNumber: DayNumber): [number, number, number] {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}
