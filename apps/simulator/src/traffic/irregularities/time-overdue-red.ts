import type { DayNumber } from '@app/calendar';
import type { ClockDays } from '../lifecycle';
import { CaseContext, defineIrregularity } from './irregularity';

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
});
