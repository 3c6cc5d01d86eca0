import type { DayNumber } from '@app/calendar';
import type { Item } from '@app/contracts';
import type { ClockDays } from '../lifecycle';
import { CaseContext, defineIrregularity } from './irregularity';
import { deadlineAfter, stoppedAtOrAfter } from './shared';
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
  shows: (generated, context) =>
    stoppedAtOrAfter(generated, context, (item, startMs) =>
      deadlineAfter(context.index, startMs, item.promisedDays, item.timeUnit),
    ),
});
