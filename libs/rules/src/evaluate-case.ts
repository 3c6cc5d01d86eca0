import { parseInstant, type ApprovalEvent, type Signal } from '@app/contracts';
import { applyEvent, fireDue, pendingTimers } from './case-fold';
import { createCaseState, type CaseState } from './case-state';
import type { RuleContext } from './rule-context';
import type { PendingTimer } from './rule-definition';
import { sortSignals } from './signals';

/** One case folded from scratch. */
export interface CaseEvaluation {
  readonly state: CaseState;
  /** Every signal of the case up to the watermark, by raisedAt then alertKey. */
  readonly signals: Signal[];
  /** Timers still pending after the watermark, by due instant then alertKey. */
  readonly timers: PendingTimer[];
  /** Events skipped because their eventId came earlier. */
  readonly duplicates: number;
}

/** An event with its parsed `occurredAt`. */
export interface TimedEvent {
  readonly event: ApprovalEvent;
  readonly occurredAtMs: number;
}

/**
 * Orders events by `occurredAt`, keeping the given order among equal instants (a stable sort).
 * Returns the events with their instants; throws on an unparsable `occurredAt`.
 */
export function sortByOccurredAt(events: readonly ApprovalEvent[]): TimedEvent[] {
  const timed = events.map((event, index) => {
    const occurredAtMs = parseInstant(event.occurredAt);
    if (Number.isNaN(occurredAtMs))
      throw new Error(`event ${event.eventId}: occurredAt is not an RFC 3339 instant`);
    return { event, occurredAtMs, index };
  });
  timed.sort((a, b) => a.occurredAtMs - b.occurredAtMs || a.index - b.index);
  return timed.map(({ event, occurredAtMs }) => ({ event, occurredAtMs }));
}

/**
 * Folds one case's events from scratch up to its latest event: a stable sort by `occurredAt`,
 * duplicates (same eventId) skipped, each event applied after the timers due at or before it.
 * Signals in the order they were raised; no timer due after the latest event has fired.
 */
export function foldEvents(
  events: readonly ApprovalEvent[],
  ctx: RuleContext,
): { state: CaseState; signals: Signal[]; duplicates: number } {
  const state = createCaseState(events[0]?.caseId ?? '');
  const signals: Signal[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  for (const { event, occurredAtMs } of sortByOccurredAt(events)) {
    if (seen.has(event.eventId)) {
      duplicates += 1;
      continue;
    }
    seen.add(event.eventId);
    signals.push(...applyEvent(state, event, ctx, occurredAtMs).signals);
  }
  return { state, signals, duplicates };
}

/**
 * Folds one case's events from scratch (`foldEvents`), then fires the timers due at or before
 * `watermarkMs`. Gives the same signals for the case as the streaming `ReplayEngine` fed the same
 * events, provided `ctx`'s shared registries hold the other cases' history.
 */
export function evaluateCase(
  events: readonly ApprovalEvent[],
  watermarkMs: number,
  ctx: RuleContext,
): CaseEvaluation {
  if (events.length === 0) return { state: createCaseState(''), signals: [], timers: [], duplicates: 0 };
  const { state, signals, duplicates } = foldEvents(events, ctx);
  signals.push(...fireDue(state, watermarkMs, ctx));
  return { state, signals: sortSignals(signals), timers: pendingTimers(state, ctx), duplicates };
}
