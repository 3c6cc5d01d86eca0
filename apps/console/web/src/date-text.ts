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

const SHAPES: Record<DateTextKind, RegExp> = {
  date: /^(\d{4})-(\d{2})-(\d{2})()()$/,
  time: /^()()()(\d{2}):(\d{2})$/,
  datetime: /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/,
};

/** The parts of a date or time text, or undefined when it is not a real one (2026-02-30, 24:00). */
export function dateTextParts(
  kind: DateTextKind,
  text: string,
): { year: number; month: number; day: number; hour: number; minute: number } | undefined {
  const match = SHAPES[kind].exec(text.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map((part) => (part ? Number(part) : 0)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (hour > 23 || minute > 59) return undefined;
  if (kind === 'time') return { year, month, day, hour, minute };
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return undefined;
  }
  return { year, month, day, hour, minute };
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
