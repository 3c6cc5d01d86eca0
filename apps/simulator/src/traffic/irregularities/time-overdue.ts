import type { DayNumber } from '@app/calendar';
import type { Item } from '@app/contracts';
import type { ClockDays } from '../lifecycle';
import { CaseContext, defineIrregularity } from './irregularity';
import { at, clockEvents, deadlineAfter, first, itemOf } from './shared';
import { afterRedDay } from './time-overdue-red';

/** The item promises less time than the law allows, so a case can be late without being red. */
export function hasSlack(item: Item): boolean {
  return item.promisedDays < item.legalDays;
}

/** A day after the promised limit, before the red day where there is room (else after it). */
export function lateCompletionDay(c: CaseContext, clock: ClockDays): DayNumber {
  const span = c.work.workdaysBetween(clock.promised, clock.red);
  if (span >= 1) return c.calendar.addDays(clock.promised, c.random.int(1, span));
  return afterRedDay(c, clock);
}

/** A case completed or decided after its promised limit. */
export const TIME_OVERDUE = defineIrregularity({
  kind: 'TIME_OVERDUE',
  caseKinds: ['licensing', 'penalty'],
  compressible: false,
  fits: hasSlack,
  completionDay: lateCompletionDay,
  shows: (generated, context) => {
    const item = itemOf(generated, context);
    const { start, stop } = clockEvents(generated);
    if (!item || !start || !stop || first(generated, 'case.suspended')) return false;
    return at(stop) >= deadlineAfter(context.index, at(start), item.promisedDays, item.timeUnit);
  },
});
