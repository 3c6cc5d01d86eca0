import type { DayNumber, WorkingCalendar } from '@app/calendar';
import type { CaseState } from './case-state';

/** Shared phrasing of the Chinese messages. */

/** `办件 C-1（食品经营许可）` */
export function caseLabel(state: Readonly<CaseState>): string {
  return `办件 ${state.caseId}（${state.item?.name ?? state.itemCode}）`;
}

/** Fen as yuan: `1234.50 元`. */
export function yuan(fen: number): string {
  return `${(fen / 100).toFixed(2)} 元`;
}

/** A local date `2026-09-24`. */
export function localDay(calendar: WorkingCalendar, day: DayNumber): string {
  return calendar.format(day);
}

/** The last day of a deadline `endOf(d)`, as the local date d. */
export function lastDayOf(calendar: WorkingCalendar, deadlineMs: number): string {
  return calendar.format(calendar.dateOf(deadlineMs - 1));
}

/** A local date and time `2026-09-24 14:00`. */
export function localDateTime(calendar: WorkingCalendar, instantMs: number): string {
  const day = calendar.dateOf(instantMs);
  const minutes = Math.floor((instantMs - calendar.startOf(day)) / 60_000);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${calendar.format(day)} ${hh}:${mm}`;
}

/** Chinese names of the special procedures (特别程序). */
const PROCEDURE_NAMES: Readonly<Record<string, string>> = {
  hearing: '听证',
  inspection: '检验检测',
  expert_review: '专家评审',
  public_notice: '公示公告',
  on_site_survey: '现场勘验',
  other: '其他特别程序',
};

export function procedureName(procedure: string): string {
  return PROCEDURE_NAMES[procedure] ?? procedure;
}

export function iso(instantMs: number): string {
  return new Date(instantMs).toISOString();
}

export function isBlank(text: string | undefined): boolean {
  return text === undefined || text.trim() === '';
}
