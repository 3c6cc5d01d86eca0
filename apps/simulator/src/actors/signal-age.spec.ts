import { OFFICIAL_CALENDAR_2025_2026, WorkingCalendar } from '@app/calendar';
import { ageInWorkingDays } from './signal-age';

const HOUR = 3_600_000;
const at = (text: string) => Date.parse(text);

describe(ageInWorkingDays.name, () => {
  const calendar = new WorkingCalendar(OFFICIAL_CALENDAR_2025_2026);

  it.each([
    ['the same working day', '2026-04-13T09:00:00+08:00', '2026-04-13T15:00:00+08:00', 0.25],
    ['Friday evening to Monday morning', '2026-04-10T18:00:00+08:00', '2026-04-13T06:00:00+08:00', 0.5],
    ['raised on a Saturday, read on Sunday', '2026-04-11T10:00:00+08:00', '2026-04-12T10:00:00+08:00', 0],
    ['a full working week', '2026-04-13T12:00:00+08:00', '2026-04-20T12:00:00+08:00', 5],
    ['a clock behind the signal', '2026-04-13T12:00:00+08:00', '2026-04-13T11:00:00+08:00', 0],
  ])('counts only working days: %s', (_case, raisedAt, now, expected) => {
    expect(ageInWorkingDays(at(raisedAt), at(now), calendar)).toBeCloseTo(expected, 6);
  });

  it('counts every day without a calendar', () => {
    expect(ageInWorkingDays(at('2026-04-10T18:00:00+08:00'), at('2026-04-13T06:00:00+08:00'))).toBeCloseTo(
      60 / 24,
      6,
    );
    expect(ageInWorkingDays(0, 6 * HOUR)).toBeCloseTo(0.25, 6);
  });
});
