import { parseInstant, type ApprovalEvent, type Signal } from '@app/contracts';
import type { RuleCatalog } from './catalog-view';
import { applyEvent, applyEventAfterTimers, fireDue, nextDueMs, pendingTimers } from './case-fold';
import { createCaseState, type CaseState } from './case-state';
import { DeadlineQueue } from './deadline-queue';
import { evaluateCase, type CaseEvaluation } from './evaluate-case';
import type { PeerFines } from './peer-fines';
import type { ReceiptRegistry } from './receipt-registry';
import { createRuleContext, type RuleContext } from './rule-context';
import type { PendingTimer } from './rule-definition';
import { compareSignals, sortSignals } from './signals';

export interface ReplayEngineOptions {
  /** Shared history of decided fines; default in memory. */
  peers?: PeerFines;
  /** Shared receipt numbers; default in memory. */
  receipts?: ReceiptRegistry;
  /**
   * Skip events whose eventId the engine has seen (default true). A pipeline that deduplicates in
   * its store may turn it off, so the engine keeps no id per event.
   */
  deduplicate?: boolean;
}

export interface ReplayEngineStats {
  /** Events applied (duplicates excluded). */
  events: number;
  duplicates: number;
  /** Cases held in memory. */
  cases: number;
  /** Cases with a pending timer. */
  pendingDeadlines: number;
}

/**
 * An event that cannot be applied in place: its case already moved past its instant (a later event
 * of the case was applied, or a timer of the case fired after it). Fold the case again with
 * `refoldCase` (and retract what the new fold no longer raises).
 */
export class EventOrderError extends Error {
  override readonly name = 'EventOrderError';

  constructor(
    message: string,
    readonly caseId: string,
  ) {
    super(message);
  }
}

/**
 * The streaming rule engine for every case at once: offline replay feeds it a sorted file, the
 * live pipeline its consumer. Each case's earliest pending timer sits in one `DeadlineQueue`
 * (a case handle per entry), so a million open cases cost no JavaScript timer and no scan.
 *
 * - `ingest(event)`: events in `occurredAt` order; first every timer of every case due at or
 *   before the event's instant fires (due order, then alertKey), then the event is applied.
 *   Duplicated eventIds are skipped.
 * - `advanceTo(watermark)`: fires every timer due at or before the watermark.
 * Both return the signals raised, ordered by raisedAt then alertKey.
 *
 * Live, events arrive a little after their instant (the watermark runs ahead): an event older than
 * the engine's instant is still applied in place when its own case has not moved past it; otherwise
 * `ingest` throws `EventOrderError` and the caller re-folds that case.
 */
export class ReplayEngine {
  readonly context: RuleContext;
  private readonly handles = new Map<string, number>();
  private readonly cases: (CaseState | undefined)[] = [];
  private readonly freeHandles: number[] = [];
  private readonly queue = new DeadlineQueue();
  private readonly seenEventIds: Set<string> | undefined;
  private nowMs = -Infinity;
  private applied = 0;
  private duplicates = 0;

  constructor(catalog: RuleCatalog, options: ReplayEngineOptions = {}) {
    this.context = createRuleContext(catalog, options);
    this.seenEventIds = options.deduplicate === false ? undefined : new Set();
  }

  /** The instant the engine has reached: the latest event or watermark. */
  get watermarkMs(): number {
    return this.nowMs;
  }

  get stats(): ReplayEngineStats {
    return {
      events: this.applied,
      duplicates: this.duplicates,
      cases: this.handles.size,
      pendingDeadlines: this.queue.pending,
    };
  }

  /**
   * Applies one valid event (`occurredAtMs` when the caller parsed it already) and returns the
   * signals raised: timers due up to the event first, then the event's own.
   */
  ingest(event: ApprovalEvent, occurredAtMs: number = parseInstant(event.occurredAt)): Signal[] {
    if (this.seenEventIds?.has(event.eventId) === true) {
      this.duplicates += 1;
      return [];
    }
    if (Number.isNaN(occurredAtMs))
      throw new Error(`event ${event.eventId}: occurredAt is not an RFC 3339 instant`);
    if (occurredAtMs < this.nowMs) return this.ingestBehind(event, occurredAtMs);
    this.seenEventIds?.add(event.eventId);
    const signals = this.fireUntil(occurredAtMs);
    this.nowMs = occurredAtMs;
    const handle = this.handleOf(event.caseId);
    const state = this.cases[handle] as CaseState;
    // fireUntil left no timer of any case due at or before the event
    signals.push(...applyEventAfterTimers(state, event, this.context, occurredAtMs).signals);
    this.reschedule(handle, state);
    this.applied += 1;
    return signals;
  }

  /** Fires every timer due at or before the watermark. */
  advanceTo(watermarkMs: number): Signal[] {
    const signals = this.fireUntil(watermarkMs);
    this.nowMs = Math.max(this.nowMs, watermarkMs);
    return signals;
  }

  caseState(caseId: string): Readonly<CaseState> | undefined {
    const handle = this.handles.get(caseId);
    return handle === undefined ? undefined : this.cases[handle];
  }

  pendingTimers(caseId: string): PendingTimer[] {
    const state = this.caseState(caseId);
    return state ? pendingTimers(state, this.context) : [];
  }

  /**
   * Late data: folds a case again from all its stored events (`evaluateCase` up to the engine's
   * instant) and replaces its state and deadline. Returns the case's complete signal set, for the
   * caller to compare with what it raised before (new signals to publish, old ones to retract).
   */
  refoldCase(caseId: string, events: readonly ApprovalEvent[]): CaseEvaluation {
    for (const event of events) {
      if (event.caseId !== caseId) throw new Error(`event ${event.eventId} is not of case ${caseId}`);
      this.seenEventIds?.add(event.eventId);
    }
    const evaluation = evaluateCase(events, this.nowMs, this.context);
    if (events.length === 0) {
      this.forgetCase(caseId);
      return evaluation;
    }
    const handle = this.handleOf(caseId);
    this.cases[handle] = evaluation.state;
    this.reschedule(handle, evaluation.state);
    return evaluation;
  }

  /**
   * Drops a case from memory (its deadline too), e.g. a closed case with no pending timer. A later
   * event of the case needs `refoldCase` with the stored events first, or it starts a new fold.
   */
  forgetCase(caseId: string): void {
    const handle = this.handles.get(caseId);
    if (handle === undefined) return;
    this.queue.cancel(handle);
    this.handles.delete(caseId);
    this.cases[handle] = undefined;
    this.freeHandles.push(handle);
  }

  /** An event older than the engine's instant: applied in place when its case is not past it. */
  private ingestBehind(event: ApprovalEvent, occurredAtMs: number): Signal[] {
    const handle = this.handles.get(event.caseId);
    const existing = handle === undefined ? undefined : this.cases[handle];
    if (existing && (occurredAtMs < existing.lastEventAtMs || occurredAtMs < existing.lastTimerAtMs)) {
      throw new EventOrderError(
        `event ${event.eventId} (${event.occurredAt}) is older than what case ${event.caseId} already went through`,
        event.caseId,
      );
    }
    this.seenEventIds?.add(event.eventId);
    const caseHandle = handle ?? this.handleOf(event.caseId);
    const state = this.cases[caseHandle] as CaseState;
    const signals = applyEvent(state, event, this.context, occurredAtMs).signals;
    // timers the event set that are already due (the engine is past them) fire now
    signals.push(...fireDue(state, this.nowMs, this.context));
    this.reschedule(caseHandle, state);
    this.applied += 1;
    return sortSignals(signals);
  }

  private handleOf(caseId: string): number {
    let handle = this.handles.get(caseId);
    if (handle === undefined) {
      handle = this.freeHandles.pop() ?? this.cases.length;
      this.cases[handle] = createCaseState(caseId);
      this.handles.set(caseId, handle);
    }
    return handle;
  }

  private reschedule(handle: number, state: CaseState): void {
    const due = nextDueMs(state, this.context);
    if (due === undefined) this.queue.cancel(handle);
    else this.queue.schedule(handle, due);
  }

  /** Fires due timers batch by batch: every case due at the same instant, signals by alertKey. */
  private fireUntil(watermarkMs: number): Signal[] {
    const signals: Signal[] = [];
    for (let dueMs = this.queue.peekDue(); dueMs <= watermarkMs; dueMs = this.queue.peekDue()) {
      const batch: Signal[] = [];
      while (this.queue.peekDue() === dueMs) {
        const handle = this.queue.pop();
        const state = this.cases[handle] as CaseState;
        batch.push(...fireDue(state, dueMs, this.context));
        this.reschedule(handle, state);
      }
      signals.push(...batch.sort(compareSignals));
    }
    return signals;
  }
}
