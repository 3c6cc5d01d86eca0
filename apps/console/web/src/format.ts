// Instants as supervision staff read them: Asia/Shanghai, 24-hour clock, dates as YYYY-MM-DD in
// both languages (03/12 reads as March 12 or 3 December depending on who reads it).
import { language } from './i18n';

const TIME_ZONE = 'Asia/Shanghai';
const formats = new Map<string, Intl.DateTimeFormat>();

function format(kind: 'dateTime' | 'time' | 'hour' | 'clock'): Intl.DateTimeFormat {
  const key = `${language()}:${kind}`;
  let found = formats.get(key);
  if (!found) {
    const locale = language() === 'zh' ? 'zh-CN' : 'en-GB';
    const table: Record<typeof kind, Intl.DateTimeFormatOptions> = {
      dateTime: {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      },
      time: { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false },
      hour: { hour: '2-digit', minute: '2-digit', hour12: false },
      clock: {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      },
    };
    found = new Intl.DateTimeFormat(locale, { ...table[kind], timeZone: TIME_ZONE });
    formats.set(key, found);
  }
  return found;
}

/** `YYYY-MM-DD HH:mm(:ss)` from the parts of a format, whatever the locale orders them in. */
function isoLike(kind: 'dateTime' | 'clock', instant: Date): string {
  const part: Record<string, string> = {};
  for (const { type, value } of format(kind).formatToParts(instant)) part[type] = value;
  const time = `${part.hour}:${part.minute}${kind === 'clock' ? `:${part.second}` : ''}`;
  return `${part.year}-${part.month}-${part.day} ${time}`;
}

export const dateTime = (iso: string | null | undefined): string =>
  iso ? isoLike('dateTime', new Date(iso)) : '—';
/** `YYYY-MM-DD` in Asia/Shanghai. */
export const dateOnly = (iso: string | null | undefined): string => dateTime(iso).slice(0, 10);
export const timeOfDay = (iso: string): string => format('time').format(new Date(iso));
export const hourLabel = (iso: string): string => format('hour').format(new Date(iso));
export const clock = (instant: number): string => isoLike('clock', new Date(instant));

export const count = (value: number): string => value.toLocaleString(language() === 'zh' ? 'zh-CN' : 'en-GB');

export const percent = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/** Fen (分) as yuan. */
export const yuan = (fen: unknown): string =>
  typeof fen === 'number' ? `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 })}` : '';
