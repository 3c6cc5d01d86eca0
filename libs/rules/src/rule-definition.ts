import type { ApprovalEventOf, EventType, Level, Stage } from '@app/contracts';
import type { CaseState } from './case-state';
import type { RuleFamily } from './families';
import type { RuleContext } from './rule-context';
import { RULE_IDS } from './rule-ids.generated';

/**
 * Every rule's id, one per file of `rules/` (`*.rule.ts`), listed by scripts/generate-registries.cjs:
 * adding a rule is adding its file.
 */
export { RULE_IDS };
export type RuleId = (typeof RULE_IDS)[number];

/**
 * How a rule's alert key is qualified (`docs/rules.md` § Signal identity):
 * `case` → `""` (once per case), `event` → the triggering eventId, `step` → `stepCode#n`,
 * `suspension` → `#n`.
 */
export type QualifierKind = 'case' | 'event' | 'step' | 'suspension';

/** What the console shows about a rule: everything but its logic. */
export interface RuleDefinition {
  readonly id: RuleId;
  /** Its short name on the wall, in the stream and the filters (规则名). */
  readonly title: { readonly zh: string; readonly en: string };
  /** The family it belongs to (`families.ts`); a rule without one is its own family. */
  readonly family?: RuleFamily;
  /** 事前 before, 事中 during, 事后 after, data quality. */
  readonly stage: Stage;
  /** For the penalty range rules: the stage on `penalty.decided` (`stage` is the one on `penalty.proposed`). */
  readonly stageWhenDecided?: Stage;
  readonly level: Level;
  readonly description: { readonly zh: string; readonly en: string };
  /** Laws and regulations the rule enforces; empty for data-quality rules. */
  readonly legalBasis: readonly string[];
  readonly qualifier: QualifierKind;
  /** Deadline rules: they do not run for a case whose item is not in the catalogue. */
  readonly timeRule: boolean;
  /** `event`: checked when an event is applied; `timer`: fires at a due instant. */
  readonly trigger: 'event' | 'timer';
}

/** What a rule found: the Chinese message and the facts behind it. */
export interface Finding {
  message: string;
  details: Record<string, unknown>;
  /** For `step` and `suspension` rules: `stepCode#n` or `#n`. */
  qualifier?: string;
}

/** The input of an event rule. `state` is the case before the event is applied. */
export interface EventCheck<T extends EventType> {
  readonly event: ApprovalEventOf<T>;
  readonly occurredAtMs: number;
  readonly state: Readonly<CaseState>;
  /** Whether the event fits the case's lifecycle (`docs/rules.md` § Case lifecycle). */
  readonly inSequence: boolean;
  readonly ctx: RuleContext;
}

export interface EventRule<T extends EventType = EventType> extends RuleDefinition {
  readonly trigger: 'event';
  /** The event types the rule looks at. */
  readonly eventTypes: readonly T[];
  /** Data-quality rules and ITEM_NOT_IN_CATALOG see every valid event; others only in-sequence ones. */
  readonly everyEvent: boolean;
  /** Exclusive checks: rules that are not tried for the event once this one fired. */
  readonly excludes: readonly RuleId[];
  check(input: EventCheck<T>): Finding | undefined;
}

/** A deadline of a case: the timer that raises `ruleId` at `dueMs` unless the case moves first. */
export interface PendingTimer {
  readonly ruleId: RuleId;
  readonly qualifier: string;
  readonly alertKey: string;
  /** Epoch milliseconds. */
  readonly dueMs: number;
}

/** One deadline a timer rule sets for a case. */
export interface TimerDue {
  readonly qualifier: string;
  readonly dueMs: number;
}

/** The one deadline of a `case`-qualified timer rule, or none while `dueMs` is undefined. */
export function caseDeadline(dueMs: number | undefined): readonly TimerDue[] {
  return dueMs === undefined ? [] : [{ qualifier: '', dueMs }];
}

export interface TimerRule extends RuleDefinition {
  readonly trigger: 'timer';
  /**
   * The rule's pending deadlines for the case as it is now: none while the condition that would
   * make it fire cannot hold (for example while the case is suspended or closed).
   */
  deadlines(state: Readonly<CaseState>, ctx: RuleContext): readonly TimerDue[];
  /** TIME_OVERDUE(_RED): also raised, at the due instant, when the clock stops at or after it. */
  readonly firesWhenClockStops: boolean;
  describe(timer: PendingTimer, state: Readonly<CaseState>, ctx: RuleContext): Finding;
}

export type Rule = EventRule | TimerRule;

/**
 * Declares an event rule: `check` sees the payload of the types in `eventTypes`. The registry holds
 * rules of every type, so the result is widened; the engine only calls `check` for those types.
 */
export function defineEventRule<T extends EventType>(
  rule: Omit<EventRule<T>, 'trigger' | 'everyEvent' | 'excludes' | 'timeRule'> &
    Partial<Pick<EventRule<T>, 'everyEvent' | 'excludes' | 'timeRule'>>,
): EventRule {
  const defined: EventRule<T> = {
    everyEvent: false,
    excludes: [],
    timeRule: false,
    ...rule,
    trigger: 'event',
  };
  return defined as unknown as EventRule;
}

export function defineTimerRule(
  rule: Omit<TimerRule, 'trigger' | 'timeRule' | 'firesWhenClockStops'> &
    Partial<Pick<TimerRule, 'firesWhenClockStops'>>,
): TimerRule {
  return { firesWhenClockStops: false, ...rule, timeRule: true, trigger: 'timer' };
}

export function alertKeyOf(caseId: string, ruleId: RuleId, qualifier: string): string {
  return `${caseId}|${ruleId}|${qualifier}`;
}
