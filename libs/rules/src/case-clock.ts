import type { DayNumber, TimeUnit, WorkingCalendar } from '@app/calendar';
import type { Item, Settings } from '@app/contracts';
import type { CaseClock, CaseState } from './case-state';
import type { RuleContext } from './rule-context';

/**
 * The case clock of `docs/rules.md` § The case clock, as pure functions over a `CaseClock`. Last days
 * are day numbers; deadlines are instants derived from them, floored at the last resumption.
 */

/** Starts the clock at A (`case.accepted` or `penalty.filed`). */
export function startClock(startedAtMs: number, item: Item, calendar: WorkingCalendar): CaseClock {
  const startDay = calendar.dateOf(startedAtMs);
  const promisedDay = calendar.addDays(startDay, item.promisedDays, item.timeUnit);
  const clock: CaseClock = {
    startedAtMs,
    promisedDay,
    legalDay: calendar.addDays(startDay, item.legalDays, item.timeUnit),
    supervisionDay: calendar.addDays(promisedDay, item.supervisionDays, item.timeUnit),
    floorMs: startedAtMs,
    warningAtMs: undefined,
    promisedDeadlineMs: 0,
    legalDeadlineMs: 0,
    supervisionDeadlineMs: 0,
  };
  deriveDeadlines(clock, item, calendar);
  return clock;
}

/**
 * Moves every pending last day by `days` units (`addDays(d, days)`): a resumption (k working or
 * calendar days, floor = the resumption instant) or an extension (n working days).
 */
export function moveClock(
  clock: CaseClock,
  days: number,
  unit: TimeUnit,
  floorMs: number,
  item: Item,
  calendar: WorkingCalendar,
): void {
  if (days > 0) {
    clock.promisedDay = calendar.addDays(clock.promisedDay, days, unit);
    clock.legalDay = calendar.addDays(clock.legalDay, days, unit);
    clock.supervisionDay = calendar.addDays(clock.supervisionDay, days, unit);
  }
  clock.floorMs = Math.max(clock.floorMs, floorMs);
  deriveDeadlines(clock, item, calendar);
}

/** W, P, L and S from the last days; W always follows p. */
function deriveDeadlines(clock: CaseClock, item: Item, calendar: WorkingCalendar): void {
  const floor = clock.floorMs;
  clock.warningAtMs =
    item.warnBeforeDays > 0
      ? Math.max(
          clock.startedAtMs,
          floor,
          calendar.startOf(calendar.subDays(clock.promisedDay, item.warnBeforeDays, item.timeUnit)),
        )
      : undefined;
  clock.promisedDeadlineMs = Math.max(calendar.endOf(clock.promisedDay), floor);
  clock.legalDeadlineMs = Math.max(calendar.endOf(clock.legalDay), floor);
  clock.supervisionDeadlineMs = Math.max(calendar.endOf(clock.supervisionDay), floor);
}

/** R = min(L, S), and which limit it is: `legal` when L <= S. */
export function redDeadline(clock: CaseClock): { dueMs: number; limit: 'legal' | 'supervision' } {
  return clock.legalDeadlineMs <= clock.supervisionDeadlineMs
    ? { dueMs: clock.legalDeadlineMs, limit: 'legal' }
    : { dueMs: clock.supervisionDeadlineMs, limit: 'supervision' };
}

/**
 * The case clock while it runs: the case is running and not suspended. The time-limit deadlines
 * (W, P, R) are pending only then.
 */
export function runningClock(state: Readonly<CaseState>): CaseClock | undefined {
  return state.phase === 'running' && !state.suspension ? state.clock : undefined;
}

/**
 * Resumption at `resumedAtMs`: k = units in (date(Ts), date(Tr)]; p, l, the supervision day and
 * every running step's last day move by k; deadlines left before Tr fall due at Tr.
 */
export function resumeClock(state: CaseState, resumedAtMs: number, calendar: WorkingCalendar): number {
  const suspension = state.suspension;
  if (!suspension) return 0;
  const unit = state.timeUnit;
  const k = calendar.countDays(calendar.dateOf(suspension.startedAtMs), calendar.dateOf(resumedAtMs), unit);
  if (state.clock && state.item) moveClock(state.clock, k, unit, resumedAtMs, state.item, calendar);
  if (state.steps) {
    for (const { running: step } of state.steps.values()) {
      if (step?.lastDay === undefined) continue;
      if (k > 0) step.lastDay = calendar.addDays(step.lastDay, k, unit);
      step.dueMs = Math.max(calendar.endOf(step.lastDay), resumedAtMs);
    }
  }
  state.suspension = undefined;
  state.suspendedUnits += k;
  return k;
}

/** endOf(addDays(date(t), n)): the deadline "n days after t" of the settings and steps. */
export function deadlineAfter(
  calendar: WorkingCalendar,
  fromMs: number,
  days: number,
  unit: TimeUnit,
): { lastDay: DayNumber; dueMs: number } {
  const lastDay = calendar.addDays(calendar.dateOf(fromMs), days, unit);
  return { lastDay, dueMs: calendar.endOf(lastDay) };
}

/** The settings counted in days (`acceptanceDays`, `deliveryDays`, …). */
type DaysSetting = Extract<keyof Settings, `${string}Days`>;

/**
 * The deadline of a period of the settings: endOf(addDays(date(t), settings[setting])) in working
 * days, whatever the item's time unit (acceptance, supplement notice, delivery).
 */
export function settingDeadline(ctx: RuleContext, fromMs: number, setting: DaysSetting): number {
  const { calendar, settings } = ctx.catalog;
  return deadlineAfter(calendar, fromMs, settings[setting], 'workday').dueMs;
}
