/**
 * Shorthands for the rule specs: a case told as its steps (`['case.suspended', '2026-09-22T10:00']`,
 * local Shanghai time, payload overrides optional), and what the rules raise for it, read back as
 * `RULE[qualifier]@local raisedAt` (see `summarize`).
 */
import type { ApprovalEvent, EventType, PayloadByType, Signal } from '@app/contracts';
import type { PendingTimer } from '../rule-definition';
import type { CaseClock } from '../case-state';
import {
  aCase,
  local,
  ms,
  runRules,
  summarize,
  type CaseStory,
  type EventExtras,
  type RunOptions,
} from './factories';

/** One event of a case: its type, local time, and optionally payload overrides and extras. */
export type Step = {
  [T in EventType]: readonly [
    type: T,
    when: string,
    payload?: Partial<PayloadByType[T]>,
    extras?: EventExtras,
  ];
}[EventType];

/** The events of `story`, one per step, in the order given (event ids `C-1#1`, `C-1#2`, … follow it). */
export function caseOf(story: CaseStory, ...steps: readonly Step[]): ApprovalEvent[] {
  return steps.map((step) => {
    const [type, when, payload, extras] = step as readonly [EventType, string, object?, EventExtras?];
    return story.event(type, when, payload, extras);
  });
}

/** Licensing case C-1 of the worked-example item XK-001, accepted at `acceptedAt`, then `later`. */
export function acceptedAt(acceptedAt: string, ...later: readonly Step[]): ApprovalEvent[] {
  return caseOf(aCase(), ['case.accepted', acceptedAt], ...later);
}

/** Licensing case C-1 of item XK-001, submitted (not yet accepted) at `submittedAt`, then `later`. */
export function submittedAt(submittedAt: string, ...later: readonly Step[]): ApprovalEvent[] {
  return caseOf(aCase(), ['case.submitted', submittedAt], ...later);
}

/** Penalty case P-1 of item CF-001, filed at `filedAt`, then `later`. */
export function filedAt(filedAt: string, ...later: readonly Step[]): ApprovalEvent[] {
  return caseOf(aCase('P-1', 'CF-001'), ['penalty.filed', filedAt], ...later);
}

/**
 * What the named rules (every rule, when none is named) raise for a case run through a fresh engine
 * (`runRules`): `raisedBy(RULE.id)(events, { until })` → `['RULE[qualifier]@2026-09-25T00:00', …]`.
 */
export function raisedBy(
  ...ruleIds: string[]
): (events: readonly ApprovalEvent[], options?: RunOptions) => string[] {
  return (events, options = {}) => summarize(runRules(events, options), ...ruleIds);
}

/** One case of a table: what happens, its local time, and what the rule raises for it. */
export type Row = readonly [what: string, when: string, expected: readonly string[]];

/**
 * The two sides of a due instant (the end of a last day, exclusive): `act` 1 ms before `deadline`
 * raises nothing; at `deadline` it raises `atDeadline`. For `itRaises`.
 */
export function aroundDeadline(
  act: string,
  deadline: string,
  atDeadline: readonly string[],
  name = 'the deadline',
): Row[] {
  return [
    [`${act} 1 ms before ${name}`, local(ms(deadline) - 1), []],
    [`${act} at ${name}`, deadline, atDeadline],
  ];
}

/**
 * One test a row: the case `story(when)` makes `raised` (a `raisedBy(…)`) return exactly the
 * row's `expected`, run with `options`.
 */
export function itRaises(
  raised: (events: readonly ApprovalEvent[], options?: RunOptions) => string[],
  story: (when: string) => readonly ApprovalEvent[],
  rows: readonly Row[],
  options?: RunOptions,
): void {
  it.each(rows)('%s (%s) raises %j', (_, when, expected) => {
    expect(raised(story(when), options)).toEqual(expected);
  });
}

/** The signals one rule raised, in order. */
export function signalsOf(signals: readonly Signal[], ruleId: string): Signal[] {
  return signals.filter((signal) => signal.ruleId === ruleId);
}

/** The first signal one rule raised, if any. */
export function signalOf(signals: readonly Signal[], ruleId: string): Signal | undefined {
  return signals.find((signal) => signal.ruleId === ruleId);
}

/** `RULE@local dueAt` for each pending timer. */
export function summarizeTimers(timers: readonly PendingTimer[]): string[] {
  return timers.map((timer) => `${timer.ruleId}@${local(timer.dueMs)}`);
}

/** A clock's deadlines in local time: W (the warning; the epoch when there is none), P, S and L. */
export function deadlinesOf(clock: CaseClock | undefined): Record<'W' | 'P' | 'S' | 'L', string> | undefined {
  return (
    clock && {
      W: local(clock.warningAtMs ?? 0),
      P: local(clock.promisedDeadlineMs),
      S: local(clock.supervisionDeadlineMs),
      L: local(clock.legalDeadlineMs),
    }
  );
}
