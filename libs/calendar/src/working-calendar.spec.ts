import { OFFICIAL_CALENDAR_2025_2026 } from './official-schedules';
import { parseLocalDate as d, formatLocalDate } from './local-date';
import { WorkingCalendar } from './working-calendar';

const iso = (ms: number) => new Date(ms).toISOString();

describe(WorkingCalendar.name, () => {
  const sut = new WorkingCalendar(OFFICIAL_CALENDAR_2025_2026);

  it('reads local dates in Asia/Shanghai, not UTC', () => {
    expect(formatLocalDate(sut.dateOf(Date.parse('2026-09-17T16:00:00Z')))).toBe('2026-09-18');
    expect(formatLocalDate(sut.dateOf(Date.parse('2026-09-17T15:59:59.999Z')))).toBe('2026-09-17');
    expect(iso(sut.endOf(d('2026-09-24')))).toBe('2026-09-24T16:00:00.000Z');
  });

  it.each([
    ['2026-09-20', true, 'make-up Sunday'],
    ['2026-09-25', false, 'Mid-Autumn Friday'],
    ['2026-10-10', true, 'make-up Saturday'],
    ['2026-10-08', true, 'Thursday after National Day'],
    ['2026-10-07', false, 'National Day'],
    ['2025-01-26', true, 'Spring Festival make-up Sunday 2025'],
    ['2025-02-04', false, 'Spring Festival 2025'],
    ['2026-02-14', true, 'Spring Festival make-up Saturday 2026'],
    ['2026-02-23', false, 'last day of Spring Festival 2026'],
    ['2026-02-28', true, 'make-up Saturday after Spring Festival 2026'],
    ['2025-10-08', false, 'National Day 2025'],
    ['2025-10-11', true, 'make-up Saturday 2025'],
    ['2026-11-28', false, 'ordinary Saturday'],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(sut.isWorkingDay(d(date))).toBe(expected);
  });

  it.each([
    // worked example of docs/rules.md: accepted Fri 2026-09-18
    ['2026-09-18', 5, 'workday', '2026-09-24'],
    ['2026-09-24', 2, 'workday', '2026-09-29'],
    ['2026-09-18', 10, 'workday', '2026-10-09'],
    // across Spring Festival 2026: Fri Feb 13, make-up Sat Feb 14, then Feb 24
    ['2026-02-13', 1, 'workday', '2026-02-14'],
    ['2026-02-13', 2, 'workday', '2026-02-24'],
    // across Spring Festival 2025: Mon Jan 27 → Wed Feb 5, then make-up Sat Feb 8
    ['2025-01-27', 1, 'workday', '2025-02-05'],
    ['2025-01-24', 1, 'workday', '2025-01-26'],
    ['2025-02-05', 3, 'workday', '2025-02-08'],
    // across National Day 2025
    ['2025-09-30', 1, 'workday', '2025-10-09'],
    ['2025-10-10', 1, 'workday', '2025-10-11'],
    // the start day is not counted, even on a holiday
    ['2026-10-03', 1, 'workday', '2026-10-08'],
    // calendar-day limits roll to the next working day: 90 days after 2026-07-04 is Oct 2 (holiday) → Oct 8
    ['2026-07-04', 90, 'calendar', '2026-10-08'],
    // ... and not when they land on a working day (make-up Saturday)
    ['2026-07-12', 90, 'calendar', '2026-10-10'],
    ['2025-11-05', 90, 'calendar', '2026-02-03'],
    // 90 days from 2025-11-17 is Feb 15 2026: Spring Festival → Feb 24
    ['2025-11-17', 90, 'calendar', '2026-02-24'],
  ] as const)('addDays(%s, %i, %s) = %s', (from, n, unit, expected) => {
    expect(formatLocalDate(sut.addDays(d(from), n, unit))).toBe(expected);
  });

  it.each([
    ['2026-09-24', 1, 'workday', '2026-09-23'],
    ['2026-10-08', 1, 'workday', '2026-09-30'],
    ['2026-02-24', 1, 'workday', '2026-02-14'],
    ['2026-10-08', 3, 'calendar', '2026-10-05'],
  ] as const)('subDays(%s, %i, %s) = %s', (from, n, unit, expected) => {
    expect(formatLocalDate(sut.subDays(d(from), n, unit))).toBe(expected);
  });

  it('counts working days in (from, to] as the suspension rule needs', () => {
    expect(sut.countDays(d('2026-09-22'), d('2026-09-29'))).toBe(4);
    expect(sut.countDays(d('2026-09-22'), d('2026-09-22'))).toBe(0);
    expect(sut.countDays(d('2026-09-22'), d('2026-09-29'), 'calendar')).toBe(7);
  });

  it('knows which years the official schedule covers', () => {
    expect(sut.covers(d('2026-05-01'))).toBe(true);
    expect(sut.covers(d('2027-05-01'))).toBe(false);
    expect(sut.uncovered([d('2024-12-31'), d('2025-01-02'), d('2027-03-01')])).toEqual(['2024', '2027']);
  });

  it('falls back to weekdays outside the covered years', () => {
    expect(sut.isWorkingDay(d('2027-10-01'))).toBe(true);
    expect(sut.isWorkingDay(d('2027-10-02'))).toBe(false);
  });

  it('rejects an unknown time zone and an impossible date', () => {
    expect(() => new WorkingCalendar({ timeZone: 'Europe/Paris', holidays: [], workdays: [] })).toThrow(
      /unsupported timeZone/,
    );
    expect(() => d('2026-02-30')).toThrow(/no such date/);
  });
});
