// Dates and times as the office writes them, in both languages: YYYY-MM-DD and HH:mm (24 hours).
// The browser's own date and time inputs show its locale's format instead (12/07/2026 and
// 09:30 AM in an English Chromium, 2026/12/07 in a Chinese one), so the page's fields are text
// fields checked here, and the browser's calendar only fills them (date-fields.ts).

export type DateTextKind = 'date' | 'time' | 'datetime';

/** What a field of each kind reads like, shown as its placeholder and in its error. */
export const DATE_TEXT_FORMATS: Record<DateTextKind, string> = {
  date: 'YYYY-MM-DD',
  time: 'HH:mm',
  datetime: 'YYYY-MM-DD HH:mm',
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})$/;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

type DayParts = { year: number; month: number; day: number };
type TimeParts = { hour: number; minute: number };

function dayOf(text: string): DayParts | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const check = new Date(Date.UTC(year, month - 1, day));
  const real =
    check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day;
  return real ? { year, month, day } : undefined;
}

function timeOf(text: string): TimeParts | undefined {
  const match = TIME.exec(text);
  if (!match) return undefined;
  const [hour, minute] = match.slice(1).map(Number) as [number, number];
  return hour <= 23 && minute <= 59 ? { hour, minute } : undefined;
}

/** The parts of a date or time text, or undefined when it is not a real one (2026-02-30, 24:00). */
export function dateTextParts(kind: DateTextKind, text: string): (DayParts & TimeParts) | undefined {
  const trimmed = text.trim();
  if (kind === 'date') {
    const day = dayOf(trimmed);
    return day && { ...day, hour: 0, minute: 0 };
  }
  if (kind === 'time') {
    const time = timeOf(trimmed);
    return time && { year: 0, month: 0, day: 0, ...time };
  }
  const [dayText = '', timeText = '', ...rest] = trimmed.split(/[ T]/);
  const day = dayOf(dayText);
  const time = timeOf(timeText);
  return day && time && rest.length === 0 ? { ...day, ...time } : undefined;
}

export function isDateText(kind: DateTextKind, text: string): boolean {
  return dateTextParts(kind, text) !== undefined;
}

/** A field's text as the browser's calendar input takes it (`2026-12-07`, `2026-12-07T09:30`), or ''. */
export function pickerValue(kind: DateTextKind, text: string): string {
  return isDateText(kind, text) ? text.trim().replace(' ', 'T') : '';
}

/** The calendar input's value as the field writes it. */
export function fromPickerValue(value: string): string {
  return value.replace('T', ' ').slice(0, 16);
}

/** A date-and-time field's text (`YYYY-MM-DD HH:mm`) for an instant, in Beijing time (UTC+8). */
export function beijingInputValue(instant: number): string {
  return new Date(instant + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** A date-and-time field's text read as Beijing time, as an ISO instant; undefined when it is not one. */
export function beijingInputToIso(value: string): string | undefined {
  const parts = dateTextParts('datetime', value);
  if (!parts) return undefined;
  const { year, month, day, hour, minute } = parts;
  return new Date(Date.UTC(year, month - 1, day, hour, minute) - BEIJING_OFFSET_MS).toISOString();
}
