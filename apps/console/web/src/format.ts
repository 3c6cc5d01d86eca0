// Instants as supervision staff read them: Asia/Shanghai, 24-hour clock.
import { language } from './i18n';

const TIME_ZONE = 'Asia/Shanghai';
const formats = new Map<string, Intl.DateTimeFormat>();

function format(kind: 'dateTime' | 'time' | 'hour' | 'clock'): Intl.DateTimeFormat {
  const key = `${language()}:${kind}`;
  let found = formats.get(key);
  if (!found) {
    const locale = language() === 'zh' ? 'zh-CN' : 'en-GB';
    const table: Record<typeof kind, Intl.DateTimeFormatOptions> = {
      dateTime: { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false },
      time: { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false },
      hour: { hour: '2-digit', minute: '2-digit', hour12: false },
      clock: {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hour12: false,
      },
    };
    found = new Intl.DateTimeFormat(locale, { ...table[kind], timeZone: TIME_ZONE });
    formats.set(key, found);
  }
  return found;
}

export const dateTime = (iso: string | null | undefined): string =>
  iso ? format('dateTime').format(new Date(iso)) : '—';
export const timeOfDay = (iso: string): string => format('time').format(new Date(iso));
export const hourLabel = (iso: string): string => format('hour').format(new Date(iso));
export const clock = (instant: number): string => format('clock').format(new Date(instant));

export const count = (value: number): string => value.toLocaleString(language() === 'zh' ? 'zh-CN' : 'en-GB');

export const percent = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/** Fen (分) as yuan. */
export const yuan = (fen: unknown): string =>
  typeof fen === 'number' ? `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 })}` : '';
