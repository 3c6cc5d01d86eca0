import { isOfficeTime, nextOfficeOpening, parseOfficeHours } from './office-hours';
import { WorkingCalendar } from './working-calendar';

// 2026: 10-01..10-07 National Day holidays, Sunday 2026-09-27 and Saturday 2026-10-10 调休 working days.
const calendar = new WorkingCalendar({
  timeZone: 'Asia/Shanghai',
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  workdays: ['2026-09-27', '2026-10-10'],
});
const hours = parseOfficeHours('08:30-17:30');
const at = (local: string) => Date.parse(`${local}+08:00`);

describe('office hours', () => {
  it('parses HH:mm-HH:mm and refuses the rest with the expected form', () => {
    expect(hours).toEqual({ opensAt: 510, closesAt: 1050 });
    expect(() => parseOfficeHours('8:30-17:30')).toThrow(/HH:mm-HH:mm/);
    expect(() => parseOfficeHours('18:00-08:00')).toThrow(/before the closing/);
  });

  it('is office time on a working day within hours only', () => {
    expect(isOfficeTime(calendar, hours, at('2026-09-29T10:00:00'))).toBe(true); // Tuesday
    expect(isOfficeTime(calendar, hours, at('2026-09-29T08:29:59'))).toBe(false);
    expect(isOfficeTime(calendar, hours, at('2026-09-29T17:30:00'))).toBe(false);
    expect(isOfficeTime(calendar, hours, at('2026-09-26T10:00:00'))).toBe(false); // Saturday
    expect(isOfficeTime(calendar, hours, at('2026-09-27T10:00:00'))).toBe(true); // 调休 Sunday
    expect(isOfficeTime(calendar, hours, at('2026-10-02T10:00:00'))).toBe(false); // holiday Friday
  });

  it('opens next on the same morning, the next working day, or after a holiday', () => {
    expect(nextOfficeOpening(calendar, hours, at('2026-09-29T10:00:00'))).toBe(at('2026-09-29T10:00:00'));
    expect(nextOfficeOpening(calendar, hours, at('2026-09-29T06:00:00'))).toBe(at('2026-09-29T08:30:00'));
    expect(nextOfficeOpening(calendar, hours, at('2026-09-29T20:00:00'))).toBe(at('2026-09-30T08:30:00'));
    // Saturday night → the 调休 Sunday morning
    expect(nextOfficeOpening(calendar, hours, at('2026-09-26T22:00:00'))).toBe(at('2026-09-27T08:30:00'));
    // the evening before the holidays → Thursday 10-08 (10-03/04 are a weekend, 10-05..07 holidays)
    expect(nextOfficeOpening(calendar, hours, at('2026-09-30T18:00:00'))).toBe(at('2026-10-08T08:30:00'));
  });
});
