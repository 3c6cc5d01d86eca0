// 部门待办's pure logic: the order of the to-do list, the time left to a deadline, dates as the
// office writes them, and a batch of steps run one after the other with progress.
import type { TodoTexts } from './todo-texts';

export interface DueSignal {
  alertKey: string;
  raisedAt: string;
  responseDueAt: string | null;
}

/** Nearest 督办 deadline first; signals without one last; then the oldest raised first. */
export function byDeadline<T extends DueSignal>(signals: readonly T[]): T[] {
  const due = (signal: T) =>
    signal.responseDueAt ? Date.parse(signal.responseDueAt) : Number.POSITIVE_INFINITY;
  return [...signals].sort(
    (a, b) =>
      due(a) - due(b) ||
      Date.parse(a.raisedAt) - Date.parse(b.raisedAt) ||
      a.alertKey.localeCompare(b.alertKey),
  );
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** YYYY-MM-DD HH:mm in Beijing time (no daylight saving there). */
export function dateTimeText(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

export type Urgency = 'overdue' | 'soon' | 'later' | 'none';

/** How long until a deadline (or since it passed), in the largest two units, and how urgent. */
export function timeLeft(
  dueAt: string | null,
  now: number,
  texts: Pick<
    TodoTexts,
    'noDeadline' | 'left' | 'overdueBy' | 'days' | 'hours' | 'minutes' | 'lessThanMinute'
  >,
): { text: string; urgency: Urgency } {
  if (!dueAt) return { text: texts.noDeadline, urgency: 'none' };
  const remaining = Date.parse(dueAt) - now;
  const span = Math.abs(remaining);
  const days = Math.floor(span / 86_400_000);
  const hours = Math.floor((span % 86_400_000) / 3_600_000);
  const minutes = Math.floor((span % 3_600_000) / 60_000);
  const parts =
    days > 0
      ? [texts.days(days), hours > 0 ? texts.hours(hours) : '']
      : hours > 0
        ? [texts.hours(hours), minutes > 0 ? texts.minutes(minutes) : '']
        : [minutes > 0 ? texts.minutes(minutes) : texts.lessThanMinute];
  const text = parts.filter(Boolean).join(' ');
  if (remaining < 0) return { text: texts.overdueBy(text), urgency: 'overdue' };
  return { text: texts.left(text), urgency: remaining < 86_400_000 ? 'soon' : 'later' };
}

export interface BatchResult<T> {
  done: T[];
  failed: { item: T; error: string }[];
}

/**
 * Runs `step` for each item, one at a time (the server decides each on its own), reporting
 * progress after each; a failed item does not stop the others.
 */
export async function runBatch<T>(
  items: readonly T[],
  step: (item: T) => Promise<void>,
  progress: (finished: number, total: number) => void,
): Promise<BatchResult<T>> {
  const result: BatchResult<T> = { done: [], failed: [] };
  progress(0, items.length);
  for (const [index, item] of items.entries()) {
    try {
      await step(item);
      result.done.push(item);
    } catch (error) {
      result.failed.push({ item, error: error instanceof Error ? error.message : String(error) });
    }
    progress(index + 1, items.length);
  }
  return result;
}

/** A byte count as people read it. */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} B`;
}
