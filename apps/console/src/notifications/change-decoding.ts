import { LEVELS } from '@app/contracts';
import type { NotificationItemInput, SignalEventKind } from '@app/persistence';

/**
 * The changes a department is told about (a supervisor's 催办 `urged` among them); its own
 * acknowledgements and answers are not.
 */
export const NOTIFIED_KINDS: ReadonlySet<SignalEventKind> = new Set<SignalEventKind>([
  'raised',
  'escalated',
  'retracted',
  'overdue',
  'returned',
  'closed',
  'reinstated',
  'urged',
]);

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

export type Decoded = { item: NotificationItemInput } | { skip: string };

/** A message of `supervision.alerts` as a notification item, or why it is not one. */
export function decodeChange(value: Buffer | null): Decoded {
  if (!value) return { skip: 'empty message' };
  let change: unknown;
  try {
    change = JSON.parse(value.toString('utf8'));
  } catch {
    return { skip: 'not JSON' };
  }
  if (typeof change !== 'object' || change === null) return { skip: 'not an object' };
  const { kind, sequence, signal } = change as { kind?: unknown; sequence?: unknown; signal?: unknown };
  if (!Number.isSafeInteger(sequence) || (sequence as number) < 1) return { skip: 'no sequence' };
  if (typeof signal !== 'object' || signal === null) return { skip: 'no signal' };
  const { alertKey, departmentId, ruleId, level } = signal as Record<string, unknown>;
  if (!isText(alertKey) || !isText(departmentId) || !isText(ruleId)) return { skip: 'incomplete signal' };
  if (!LEVELS.includes(level as (typeof LEVELS)[number])) return { skip: 'unknown level' };
  if (!NOTIFIED_KINDS.has(kind as SignalEventKind)) return { skip: `kind ${String(kind)} is not notified` };
  return {
    item: {
      sequence: sequence as number,
      departmentId,
      alertKey,
      ruleId,
      level: level as (typeof LEVELS)[number],
      kind: kind as SignalEventKind,
      change: change as Record<string, unknown>,
    },
  };
}
