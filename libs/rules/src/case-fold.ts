import { parseInstant, type ApprovalEvent, type Signal } from '@app/contracts';
import { deadlineAfter, moveClock, resumeClock, startClock } from './case-clock';
import type { CaseState } from './case-state';
import { isInSequence } from './lifecycle';
import type { RuleContext } from './rule-context';
import {
  alertKeyOf,
  type Finding,
  type PendingTimer,
  type Rule,
  type RuleId,
  type TimerDue,
  type TimerRule,
} from './rule-definition';
import { EVENT_RULES_BY_TYPE, RULES_BY_ID, TIMER_RULES } from './rules';
import { acceptanceDeadline } from './rules/acceptance-overdue.rule';
import { deliveryDeadline } from './rules/delivery-overdue.rule';
import { tierRangeOf } from './rules/penalty-terms';
import { stepLastDay } from './rules/step-overdue.rule';
import { supplementDeadline } from './rules/supplement-late.rule';
import { suspensionMaxDays } from './rules/suspension-overlong.rule';
import { buildSignal, sortSignals } from './signals';

/** The result of applying one event to a case. */
export interface CaseStep {
  /**
   * Signals raised: the case's timers that fell due at or before the event (raisedAt = due
   * instant), then the event's own (raisedAt = occurredAt); ordered by raisedAt, then alertKey.
   */
  readonly signals: Signal[];
  /** Whether the event fitted the case's lifecycle (false: DATA_OUT_OF_SEQUENCE, no state change). */
  readonly inSequence: boolean;
}

/**
 * Applies one valid event of the case to its state, in place: first every timer of the case due
 * at or before the event's instant fires, then the event rules run against the state before the
 * event, then (if the event is in sequence) the state moves. Events must come in `occurredAt` order;
 * duplicates must be filtered by the caller.
 */
export function applyEvent(
  state: CaseState,
  event: ApprovalEvent,
  ctx: RuleContext,
  occurredAtMs: number = parseInstant(event.occurredAt),
): CaseStep {
  checkApplicable(state, event, occurredAtMs);
  return applyOwnEvent(state, event, ctx, occurredAtMs, fireDue(state, occurredAtMs, ctx));
}

/**
 * `applyEvent` for a caller that has already fired every timer of the case due at or before the
 * event's instant (the `ReplayEngine`, whose deadline queue holds each case's next due instant):
 * it skips deriving the case's pending timers once more (a quarter of the engine's time).
 * Given a case with a timer still due at the event, it would leave that timer unfired.
 */
export function applyEventAfterTimers(
  state: CaseState,
  event: ApprovalEvent,
  ctx: RuleContext,
  occurredAtMs: number,
): CaseStep {
  checkApplicable(state, event, occurredAtMs);
  return applyOwnEvent(state, event, ctx, occurredAtMs, []);
}

function checkApplicable(state: CaseState, event: ApprovalEvent, occurredAtMs: number): void {
  if (event.caseId !== state.caseId) {
    throw new Error(`event ${event.eventId} of case ${event.caseId} applied to case ${state.caseId}`);
  }
  if (Number.isNaN(occurredAtMs))
    throw new Error(`event ${event.eventId}: occurredAt is not an RFC 3339 instant`);
}

/** The event rules, then (in sequence) the state's move; `signals` holds the timers fired before. */
function applyOwnEvent(
  state: CaseState,
  event: ApprovalEvent,
  ctx: RuleContext,
  occurredAtMs: number,
  signals: Signal[],
): CaseStep {
  if (state.eventCount === 0) identifyCase(state, event, ctx);
  const inSequence = isInSequence(state, event);
  checkEvent(state, event, occurredAtMs, inSequence, ctx, signals);
  if (inSequence) transition(state, event, occurredAtMs, ctx, signals);
  state.eventCount += 1;
  state.lastEventAtMs = Math.max(state.lastEventAtMs, occurredAtMs);
  return { signals: sortSignals(signals), inSequence };
}

/**
 * Fires, in due order then alertKey order, every pending timer of the case due at or before
 * `watermarkMs`. Timers are derived from the state, so a timer whose condition no longer holds
 * (the case completed, suspended, the step done) is simply not pending any more.
 */
export function fireDue(state: CaseState, watermarkMs: number, ctx: RuleContext): Signal[] {
  return isDue(state, watermarkMs, ctx) ? firePending(state, watermarkMs, ctx) : [];
}

/** `fireDue` once it is known that a timer is due: derives the pending timers and fires the due ones. */
function firePending(state: CaseState, watermarkMs: number, ctx: RuleContext): Signal[] {
  const signals: Signal[] = [];
  for (const timer of pendingTimers(state, ctx)) {
    if (timer.dueMs > watermarkMs) break;
    const signal = fireTimer(state, RULES_BY_ID.get(timer.ruleId) as TimerRule, timer, ctx);
    if (signal) signals.push(signal);
  }
  return signals;
}

/**
 * Whether a timer of the case is due at or before the watermark. Most calls find none, and the
 * earliest due instant costs no timer objects and no sort.
 */
function isDue(state: Readonly<CaseState>, watermarkMs: number, ctx: RuleContext): boolean {
  const next = nextDueMs(state, ctx);
  return next !== undefined && next <= watermarkMs;
}

/** Raises a timer rule's signal at its due instant, unless raised before; then moves `lastTimerAtMs`. */
function fireTimer(
  state: CaseState,
  rule: TimerRule,
  timer: PendingTimer,
  ctx: RuleContext,
): Signal | undefined {
  const signal = raise(state, rule, timer.qualifier, timer.dueMs, 'timer', rule.describe(timer, state, ctx));
  if (signal) state.lastTimerAtMs = Math.max(state.lastTimerAtMs, timer.dueMs);
  return signal;
}

/**
 * `fireDue` on a copy of the state (fireDue only adds to `raised` and moves `lastTimerAtMs`): the
 * signals and the state at the watermark, while `state` stays at its latest event, ready for an
 * event earlier than those timers. With nothing due, the state itself (read-only) and no copy.
 */
export function fireDueOnCopy(
  state: Readonly<CaseState>,
  watermarkMs: number,
  ctx: RuleContext,
): { state: Readonly<CaseState>; signals: Signal[] } {
  if (!isDue(state, watermarkMs, ctx)) return { state, signals: [] };
  const copy: CaseState = { ...state, raised: state.raised && new Set(state.raised) };
  return { state: copy, signals: firePending(copy, watermarkMs, ctx) };
}

/** The case's pending timers, by due instant then alertKey. None for an item not in the catalogue. */
export function pendingTimers(state: Readonly<CaseState>, ctx: RuleContext): PendingTimer[] {
  if (!state.item) return [];
  const timers: PendingTimer[] = [];
  for (const rule of TIMER_RULES) {
    for (const due of rule.deadlines(state, ctx)) {
      if (!wasRaised(state, rule.id, due.qualifier)) timers.push(pendingTimer(state, rule, due));
    }
  }
  return timers.sort(
    (a, b) => a.dueMs - b.dueMs || (a.alertKey < b.alertKey ? -1 : a.alertKey > b.alertKey ? 1 : 0),
  );
}

/** The earliest pending timer's due instant, or undefined. */
export function nextDueMs(state: Readonly<CaseState>, ctx: RuleContext): number | undefined {
  if (!state.item) return undefined;
  let next: number | undefined;
  for (const rule of TIMER_RULES) {
    for (const due of rule.deadlines(state, ctx)) {
      if (next !== undefined && due.dueMs >= next) continue;
      if (wasRaised(state, rule.id, due.qualifier)) continue;
      next = due.dueMs;
    }
  }
  return next;
}

/** The timer of a deadline a rule sets for the case. */
function pendingTimer(state: Readonly<CaseState>, rule: TimerRule, due: TimerDue): PendingTimer {
  return {
    ruleId: rule.id,
    qualifier: due.qualifier,
    alertKey: alertKeyOf(state.caseId, rule.id, due.qualifier),
    dueMs: due.dueMs,
  };
}

function raisedKey(ruleId: RuleId, qualifier: string): string {
  return `${ruleId}|${qualifier}`;
}

/** Whether the case already raised the rule's signal of this qualifier. */
function wasRaised(state: Readonly<CaseState>, ruleId: RuleId, qualifier: string): boolean {
  return state.raised?.has(raisedKey(ruleId, qualifier)) === true;
}

/** Raises a signal unless its alert key was raised before. */
function raise(
  state: CaseState,
  rule: Rule,
  qualifier: string,
  raisedAtMs: number,
  triggeredBy: string,
  finding: Finding,
  stage = rule.stage,
): Signal | undefined {
  const key = raisedKey(rule.id, qualifier);
  state.raised ??= new Set();
  if (state.raised.has(key)) return undefined;
  state.raised.add(key);
  return buildSignal(rule, state, qualifier, raisedAtMs, triggeredBy, finding, stage);
}

/** The case's item and department come from its first event. */
function identifyCase(state: CaseState, event: ApprovalEvent, ctx: RuleContext): void {
  state.itemCode = event.itemCode;
  state.departmentId = event.departmentId;
  const item = ctx.catalog.items.get(event.itemCode);
  state.item = item;
  state.kind = item?.kind;
  state.timeUnit = item?.timeUnit ?? 'workday';
}

function checkEvent(
  state: CaseState,
  event: ApprovalEvent,
  occurredAtMs: number,
  inSequence: boolean,
  ctx: RuleContext,
  out: Signal[],
): void {
  const rules = EVENT_RULES_BY_TYPE.get(event.type) ?? [];
  let excluded: Set<RuleId> | undefined;
  for (const rule of rules) {
    if (!inSequence && !rule.everyEvent) continue;
    if (rule.timeRule && !state.item) continue;
    if (excluded?.has(rule.id)) continue;
    const finding = rule.check({ event, occurredAtMs, state, inSequence, ctx });
    if (!finding) continue;
    if (rule.excludes.length > 0) {
      excluded ??= new Set();
      for (const id of rule.excludes) excluded.add(id);
    }
    const qualifier =
      rule.qualifier === 'case' ? '' : rule.qualifier === 'event' ? event.eventId : (finding.qualifier ?? '');
    const stage =
      event.type === 'penalty.decided' && rule.stageWhenDecided ? rule.stageWhenDecided : rule.stage;
    const signal = raise(state, rule, qualifier, occurredAtMs, event.eventId, finding, stage);
    if (signal) out.push(signal);
  }
}

function transition(
  state: CaseState,
  event: ApprovalEvent,
  t: number,
  ctx: RuleContext,
  out: Signal[],
): void {
  const { calendar, settings } = ctx.catalog;
  switch (event.type) {
    case 'case.submitted':
      state.phase = 'submitted';
      state.kind ??= 'licensing';
      state.submittedAtMs = t;
      addMaterials(state, event.payload.materials);
      state.acceptanceDueMs = acceptanceDeadline(t, ctx);
      state.supplementDueMs = supplementDeadline(t, ctx);
      return;
    case 'case.supplement_requested':
      state.supplementRequests += 1;
      return;
    case 'case.supplemented':
      addMaterials(state, event.payload.materials);
      return;
    case 'case.accepted':
      state.kind ??= 'licensing';
      state.submittedAtMs ??= t;
      startCaseClock(state, t, ctx);
      return;
    case 'case.refused':
      state.phase = 'refused';
      state.materials = undefined;
      return;
    case 'penalty.filed':
      state.kind ??= 'penalty';
      state.party = event.payload.party.kind;
      startCaseClock(state, t, ctx);
      return;
    case 'step.started': {
      const { stepCode } = event.payload;
      state.steps ??= new Map();
      const record = state.steps.get(stepCode) ?? { starts: 0, running: undefined };
      const n = record.starts + 1;
      const deadline = stepLastDay(state, stepCode, t, ctx);
      record.starts = n;
      record.running = { stepCode, n, startedAtMs: t, lastDay: deadline?.lastDay, dueMs: deadline?.dueMs };
      state.steps.set(stepCode, record);
      return;
    }
    case 'step.completed': {
      const record = state.steps?.get(event.payload.stepCode);
      if (record) record.running = undefined;
      return;
    }
    case 'case.suspended': {
      const n = state.suspensionCount + 1;
      const { procedure } = event.payload;
      const maxDays = suspensionMaxDays(state.item, procedure, settings);
      const { dueMs } = deadlineAfter(calendar, t, maxDays, state.timeUnit);
      state.suspensionCount = n;
      state.suspension = { n, startedAtMs: t, procedure, maxDays, dueMs };
      return;
    }
    case 'case.resumed':
      resumeClock(state, t, calendar);
      return;
    case 'case.extended':
      state.extensionCount += 1;
      if (state.clock && state.item) {
        moveClock(state.clock, event.payload.days, 'workday', state.clock.floorMs, state.item, calendar);
      }
      return;
    case 'case.completed':
      stopClock(state, t, ctx, out);
      state.phase = 'completed';
      state.completion = { result: event.payload.result, completedAtMs: t };
      if (event.payload.result === 'approved') state.deliveryDueMs = deliveryDeadline(t, ctx);
      return;
    case 'penalty.proposed':
      return;
    case 'penalty.hearing_notified':
      state.hearingNotified = true;
      return;
    case 'penalty.decided': {
      const { violationCode, tier, fine } = event.payload;
      stopClock(state, t, ctx, out);
      state.phase = 'decided';
      state.decision = { eventId: event.eventId, decidedAtMs: t, violationCode, tier, fine };
      // a decision PENALTY_UNKNOWN_VIOLATION fired for is nobody's peer
      if (tierRangeOf(ctx.catalog, violationCode, tier) !== undefined) {
        ctx.peers.record(violationCode, tier, { eventId: event.eventId, occurredAtMs: t, fine });
      }
      return;
    }
    case 'fee.assessed': {
      const { feeCode, amount } = event.payload;
      state.feesAssessed ??= new Map();
      state.feesAssessed.set(feeCode, (state.feesAssessed.get(feeCode) ?? 0) + amount);
      return;
    }
    case 'fee.paid': {
      const { feeCode, amount, receiptNo } = event.payload;
      state.feesPaid ??= new Map();
      state.feesPaid.set(feeCode, (state.feesPaid.get(feeCode) ?? 0) + amount);
      recordReceipt(state, receiptNo, event.eventId, t, ctx);
      return;
    }
    case 'penalty.paid':
      state.finesPaid += event.payload.amount;
      recordReceipt(state, event.payload.receiptNo, event.eventId, t, ctx);
      return;
    case 'case.delivered':
      state.delivered = true;
      return;
    case 'case.evaluated':
      return;
  }
}

function addMaterials(state: CaseState, materials: readonly string[]): void {
  state.materials ??= new Set();
  for (const material of materials) state.materials.add(material);
}

function startCaseClock(state: CaseState, t: number, ctx: RuleContext): void {
  state.phase = 'running';
  state.materials = undefined;
  if (state.item) state.clock = startClock(t, state.item, ctx.catalog.calendar);
}

/**
 * `case.completed` / `penalty.decided`: a suspended case first resumes at the same instant; then
 * TIME_OVERDUE and TIME_OVERDUE_RED fire if the clock stops at or after their deadline, with
 * raisedAt = the deadline.
 */
function stopClock(state: CaseState, t: number, ctx: RuleContext, out: Signal[]): void {
  if (state.suspension) resumeClock(state, t, ctx.catalog.calendar);
  if (state.item) {
    for (const rule of TIMER_RULES) {
      if (!rule.firesWhenClockStops) continue;
      for (const due of rule.deadlines(state, ctx)) {
        if (due.dueMs > t || wasRaised(state, rule.id, due.qualifier)) continue;
        const signal = fireTimer(state, rule, pendingTimer(state, rule, due), ctx);
        if (signal) out.push(signal);
      }
    }
  }
  state.clockStoppedAtMs = t;
  if (state.steps) for (const record of state.steps.values()) record.running = undefined;
}

function recordReceipt(
  state: CaseState,
  receiptNo: string,
  eventId: string,
  t: number,
  ctx: RuleContext,
): void {
  state.receipts ??= [];
  state.receipts.push(receiptNo);
  ctx.receipts.record(receiptNo, { eventId, caseId: state.caseId, occurredAtMs: t });
}
