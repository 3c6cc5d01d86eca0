/**
 * RFC 3339 `date-time` with a mandatory offset (`Z` or `±hh:mm`), e.g. `2026-09-18T14:00:00+08:00`.
 * Read character by character, as every event carries one or two: `Date.parse` accepts offset-less
 * text, `24:00` and `Feb 30`, which the event contract rejects. Fractional seconds beyond
 * milliseconds are truncated, as `Date.parse` does. Accepts exactly the text of
 * `/^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/` that names a real
 * date and time (`testing/reference-rfc3339.ts`, the earlier regular expression, is the oracle).
 */

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const DASH = 0x2d;
const COLON = 0x3a;
const DOT = 0x2e;
const PLUS = 0x2b;
const ZERO = 0x30;
const NINE = 0x39;
/** `[Tt]` and `[Zz]`: the upper-case letter with bit 0x20 cleared. */
const T = 0x54;
const Z = 0x5a;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). Also
 * `@app/calendar`'s day number of a local date.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The two ASCII digits at `index` as a number, or -1 (other characters, or past the end). */
function twoDigitsAt(text: string, index: number): number {
  const tens = text.charCodeAt(index) - ZERO;
  const ones = text.charCodeAt(index + 1) - ZERO;
  // past the end, charCodeAt is NaN and fails both comparisons
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

/**
 * The instant (epoch milliseconds) of an RFC 3339 date-time with offset, or `NaN` when the text
 * is not one (no offset, impossible date or time, leap second, …).
 */
export function parseInstant(text: string): number {
  return readInstant(text, true);
}

/** Whether the text is an RFC 3339 date-time with offset. */
export function isInstantWithOffset(text: string): boolean {
  // the checks alone, as every event is validated: no day count
  return !Number.isNaN(readInstant(text, false));
}

/** `NaN` when the text is not an instant; else its epoch milliseconds, or 0 when `epoch` is false. */
function readInstant(text: string, epoch: boolean): number {
  // the regular expression read any value as its text; so does this
  if (typeof text !== 'string') return readInstant(`${text as unknown as string}`, epoch);
  const length = text.length;
  // `yyyy-mm-ddThh:mm:ssZ` is the shortest
  if (
    length < 20 ||
    text.charCodeAt(4) !== DASH ||
    text.charCodeAt(7) !== DASH ||
    (text.charCodeAt(10) & ~0x20) !== T ||
    text.charCodeAt(13) !== COLON ||
    text.charCodeAt(16) !== COLON
  )
    return Number.NaN;
  const century = twoDigitsAt(text, 0);
  const yearOfCentury = twoDigitsAt(text, 2);
  const month = twoDigitsAt(text, 5);
  const day = twoDigitsAt(text, 8);
  const hour = twoDigitsAt(text, 11);
  const minute = twoDigitsAt(text, 14);
  const second = twoDigitsAt(text, 17);
  // -1 (not two digits) fails these too
  if (
    century < 0 ||
    yearOfCentury < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59
  )
    return Number.NaN;
  const year = century * 100 + yearOfCentury;
  const monthDays = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (day > monthDays) return Number.NaN;

  let index = 19;
  let code = text.charCodeAt(index);
  let millis = 0;
  if (code === DOT) {
    // the first three digits are the milliseconds, the rest is truncated
    let scale = 100;
    for (code = text.charCodeAt(++index); code >= ZERO && code <= NINE; code = text.charCodeAt(++index)) {
      millis += (code - ZERO) * scale;
      scale = scale === 100 ? 10 : scale === 10 ? 1 : 0;
    }
    if (index === 20) return Number.NaN;
  }

  let offsetMinutes = 0;
  if ((code & ~0x20) === Z) {
    if (index + 1 !== length) return Number.NaN;
  } else if (code === PLUS || code === DASH) {
    const offsetHours = twoDigitsAt(text, index + 1);
    const offsetMins = twoDigitsAt(text, index + 4);
    if (
      index + 6 !== length ||
      text.charCodeAt(index + 3) !== COLON ||
      offsetHours < 0 ||
      offsetHours > 23 ||
      offsetMins < 0 ||
      offsetMins > 59
    )
      return Number.NaN;
    offsetMinutes = (offsetHours * 60 + offsetMins) * (code === DASH ? -1 : 1);
  } else {
    return Number.NaN;
  }
  if (!epoch) return 0;
  const days = daysFromCivil(year, month, day);
  return ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + millis;
}
