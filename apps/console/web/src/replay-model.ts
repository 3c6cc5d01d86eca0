// The auditor's workspace without the DOM: what the API answers, the diff table's filters and
// counts, the window as the form asks for it, and the server-sent events of a run's progress.
import type { DiffKind, ReplayRunRecord } from '../../../../libs/contracts/src/replay-views';
import { isDateText } from './date-text';

export interface DiffSignal {
  alertKey: string;
  caseId: string;
  itemCode: string;
  departmentId: string;
  ruleId: string;
  level: string;
  stage: string;
  raisedAt: string;
  message: string;
  details?: Record<string, unknown>;
  catalogVersion?: string;
  status?: string;
  retractedReason?: string;
}

export interface DiffRow {
  alertKey: string;
  kind: DiffKind;
  fields: string[];
  replay: DiffSignal | null;
  live: DiffSignal | null;
}

/** The signal a row is about: the replay's, else the live one. */
export const signalOf = (row: DiffRow): DiffSignal => (row.replay ?? row.live) as DiffSignal;

export interface DiffFilter {
  kind?: DiffKind;
  departmentId?: string;
  ruleId?: string;
  level?: string;
  /** Part of the case id, case-insensitive. */
  caseText?: string;
}

/** The rows a filter keeps, in their order. A row's level matches on either side. */
export function filterDiff(rows: readonly DiffRow[], filter: DiffFilter): DiffRow[] {
  const text = filter.caseText?.trim().toLowerCase();
  return rows.filter((row) => {
    const signal = signalOf(row);
    if (filter.kind && row.kind !== filter.kind) return false;
    if (filter.departmentId && signal.departmentId !== filter.departmentId) return false;
    if (filter.ruleId && signal.ruleId !== filter.ruleId) return false;
    if (filter.level && row.replay?.level !== filter.level && row.live?.level !== filter.level) return false;
    if (text && !signal.caseId.toLowerCase().includes(text)) return false;
    return true;
  });
}

/** What the filters offer: the departments, rules and levels present in the rows, sorted. */
export function diffFacets(rows: readonly DiffRow[]): {
  departments: string[];
  rules: string[];
  levels: string[];
} {
  const departments = new Set<string>();
  const rules = new Set<string>();
  const levels = new Set<string>();
  for (const row of rows) {
    const signal = signalOf(row);
    departments.add(signal.departmentId);
    rules.add(signal.ruleId);
    for (const side of [row.replay, row.live]) if (side) levels.add(side.level);
  }
  return { departments: [...departments].sort(), rules: [...rules].sort(), levels: [...levels].sort() };
}

export type KindCounts = Record<DiffKind, number>;

/** Missing, extra and different per department, departments by total then id. */
export function countsByDepartment(rows: readonly DiffRow[]): { departmentId: string; counts: KindCounts }[] {
  const byDepartment = new Map<string, KindCounts>();
  for (const row of rows) {
    const id = signalOf(row).departmentId;
    let counts = byDepartment.get(id);
    if (!counts) byDepartment.set(id, (counts = { missing: 0, extra: 0, different: 0 }));
    counts[row.kind] += 1;
  }
  const total = (c: KindCounts) => c.missing + c.extra + c.different;
  return [...byDepartment.entries()]
    .map(([departmentId, counts]) => ({ departmentId, counts }))
    .sort((a, b) => total(b.counts) - total(a.counts) || (a.departmentId < b.departmentId ? -1 : 1));
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** YYYY-MM-DD of an instant in Asia/Shanghai. */
export function shanghaiDay(instant: number | string): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant;
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** YYYY-MM-DD HH:mm of an instant in Asia/Shanghai. */
export function shanghaiMinute(instant: string | null | undefined): string {
  if (!instant) return '—';
  return new Date(Date.parse(instant) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The replay window of two days (Asia/Shanghai, both included): `[from 00:00, the day after to
 * 00:00)` with the +08:00 offset; undefined when a day is not a real YYYY-MM-DD day (2026-02-30
 * is not) or the last is before the first.
 */
export function windowOf(fromDay: string, toDay: string): { from: string; to: string } | undefined {
  if (!isDateText('date', fromDay) || !isDateText('date', toDay) || toDay < fromDay) return undefined;
  const after = new Date(Date.parse(`${toDay}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  return { from: `${fromDay}T00:00:00+08:00`, to: `${after}T00:00:00+08:00` };
}

/** The last day a run covers (its end is exclusive), YYYY-MM-DD in Asia/Shanghai. */
export const lastDayOf = (run: Pick<ReplayRunRecord, 'end'>): string => shanghaiDay(Date.parse(run.end) - 1);

/** The default window: the `days` days up to today (Asia/Shanghai). */
export function defaultWindow(now: number, days = 30): { fromDay: string; toDay: string } {
  return { fromDay: shanghaiDay(now - (days - 1) * DAY_MS), toDay: shanghaiDay(now) };
}

/** A run's share done, 0 to 1: events read of those in scope, then the diff. */
export function progressOf(
  run: Pick<ReplayRunRecord, 'status' | 'eventsRead' | 'eventsTotal' | 'summary'>,
): number {
  if (run.status === 'done') return 1;
  if (run.status === 'queued' || !run.eventsTotal) return 0;
  const share = Math.min(1, run.eventsRead / run.eventsTotal);
  // the diff is the last few percent
  return run.summary.phase === 'diffing' ? 0.97 : share * 0.95;
}

/** Whether two runs cover the same window and departments (what a what-if comparison needs). */
export function comparable(a: ReplayRunRecord, b: ReplayRunRecord): boolean {
  return (
    a.id !== b.id &&
    a.from === b.from &&
    a.end === b.end &&
    JSON.stringify(a.departments) === JSON.stringify(b.departments)
  );
}

export interface SseEvent {
  event: string;
  data: string;
}

/**
 * Splits a server-sent event stream's text into its events; answers them and the unfinished rest
 * to keep for the next chunk. Comments (`: keep-alive`) are skipped.
 */
export function parseSse(buffer: string): { events: SseEvent[]; rest: string } {
  const events: SseEvent[] = [];
  let rest = buffer.replace(/\r\n/g, '\n');
  for (let end = rest.indexOf('\n\n'); end !== -1; end = rest.indexOf('\n\n')) {
    const block = rest.slice(0, end);
    rest = rest.slice(end + 2);
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) events.push({ event, data: data.join('\n') });
  }
  return { events, rest };
}
