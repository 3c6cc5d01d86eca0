import type { DayNumber } from '@app/calendar';
import type { ClockDays } from '../lifecycle';
import { CaseContext, defineIrregularity } from './irregularity';
import { stoppedAtOrAfter } from './shared';

/** A day soon after the red day (the promised limit plus the supervision days, at most the legal one). */
export function afterRedDay({ random, calendar }: CaseContext, clock: ClockDays): DayNumber {
  return calendar.addDays(clock.red, random.int(1, 5));
}

/** A case completed or decided after the red day. */
export const TIME_OVERDUE_RED = defineIrregularity({
  kind: 'TIME_OVERDUE_RED',
  caseKinds: ['licensing', 'penalty'],
  compressible: false,
  completionDay: afterRedDay,
  shows: (generated, context) =>
    stoppedAtOrAfter(generated, context, (item, startMs) => {
      const calendar = context.index.calendar;
      const promised = calendar.addDays(calendar.dateOf(startMs), item.promisedDays, item.timeUnit);
      const legal = calendar.addDays(calendar.dateOf(startMs), item.legalDays, item.timeUnit);
      const red = Math.min(calendar.addDays(promised, item.supervisionDays, item.timeUnit), legal);
      return calendar.endOf(red);
    }),
});
