import { OFFICIAL_CALENDAR_2025_2026, WorkingCalendar } from '@app/calendar';
import { responseDeadline } from './response-deadline';

const calendar = new WorkingCalendar(OFFICIAL_CALENDAR_2025_2026);
const days = { red: 3, yellow: 5, warning: 0 };
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe(responseDeadline.name, () => {
  it.each([
    // Friday 2026-09-18; Sunday Sep 20 is a make-up working day
    [
      'red, from a Friday before a make-up Sunday',
      '2026-09-18T14:00:00+08:00',
      'red',
      '2026-09-22T16:00:00.000Z',
    ],
    ['yellow, five working days', '2026-09-18T14:00:00+08:00', 'yellow', '2026-09-24T16:00:00.000Z'],
    // Sep 30: Oct 1–7 are holidays, Oct 8, 9 and the make-up Saturday Oct 10 are working days
    ['red, across National Day', '2026-09-30T10:00:00+08:00', 'red', '2026-10-10T16:00:00.000Z'],
    // 23:30 local on Sep 18 is still Sep 18 in Shanghai although it is Sep 18 15:30 UTC
    [
      'red, registered late in the local evening',
      '2026-09-18T23:30:00+08:00',
      'red',
      '2026-09-22T16:00:00.000Z',
    ],
    ['warning, which has no deadline', '2026-09-18T14:00:00+08:00', 'warning', null],
  ] as const)('%s', (_name, registeredAt, level, expected) => {
    expect(iso(responseDeadline(at(registeredAt), level, days, calendar))).toBe(expected);
  });
});
