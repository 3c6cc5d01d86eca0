/**
 * The oracle: `parseInstant` and `isInstantWithOffset` exactly as they were at commit 736b436 (a
 * regular expression), kept for the differential spec of the fast path. Do not edit.
 */
/**
 * RFC 3339 `date-time` with a mandatory offset (`Z` or `±hh:mm`), e.g. `2026-09-18T14:00:00+08:00`.
 * Parsed by hand: `Date.parse` accepts offset-less text, `24:00` and `Feb 30`, which the event
 * contract rejects. Fractional seconds beyond milliseconds are truncated, as `Date.parse` does.
 */
const RFC3339_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The instant (epoch milliseconds) of an RFC 3339 date-time with offset, or `NaN` when the text
 * is not one (no offset, impossible date or time, leap second, …).
 */
export function parseInstant(text: string): number {
  const match = RFC3339_WITH_OFFSET.exec(text);
  if (match === null) return Number.NaN;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = Number(match[6]);
  if (month < 1 || month > 12 || day < 1) return Number.NaN;
  const monthDays = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (day > monthDays || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  let offsetMinutes = 0;
  if (match[8] === undefined) {
    const offsetHours = Number(match[10]);
    const offsetMins = Number(match[11]);
    if (offsetHours > 23 || offsetMins > 59) return Number.NaN;
    offsetMinutes = (offsetHours * 60 + offsetMins) * (match[9] === '-' ? -1 : 1);
  }
  const fraction = match[7];
  const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const days = daysFromCivil(year, month, day);
  return ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + millis;
}

/** Whether the text is an RFC 3339 date-time with offset. */
export function isInstantWithOffset(text: string): boolean {
  return !Number.isNaN(parseInstant(text));
}
