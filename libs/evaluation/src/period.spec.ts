import { OFFICIAL_CALENDAR_2025_2026, WorkingCalendar } from '@app/calendar';
import { monthOf, parsePeriod, periodBounds, PeriodError } from './period';

const calendar = new WorkingCalendar(OFFICIAL_CALENDAR_2025_2026);
const iso = (ms: number) => new Date(ms).toISOString();

describe(parsePeriod.name, () => {
  it.each([
    {
      text: '2026-03',
      kind: 'month',
      months: ['2026-03'],
      from: '2026-02-28T16:00:00.000Z',
      to: '2026-03-31T16:00:00.000Z',
    },
    {
      text: '2026-12',
      kind: 'month',
      months: ['2026-12'],
      from: '2026-11-30T16:00:00.000Z',
      to: '2026-12-31T16:00:00.000Z',
    },
    {
      text: '2026-Q1',
      kind: 'quarter',
      months: ['2026-01', '2026-02', '2026-03'],
      from: '2025-12-31T16:00:00.000Z',
      to: '2026-03-31T16:00:00.000Z',
    },
    {
      text: '2025-Q4',
      kind: 'quarter',
      months: ['2025-10', '2025-11', '2025-12'],
      from: '2025-09-30T16:00:00.000Z',
      to: '2025-12-31T16:00:00.000Z',
    },
  ])(
    'reads $text as a $kind from 00:00 Shanghai time of its first day',
    ({ text, kind, months, from, to }) => {
      const sut = parsePeriod(text);
      const bounds = periodBounds(sut, calendar);

      expect({ kind: sut.kind, months: sut.months, from: iso(bounds.fromMs), to: iso(bounds.toMs) }).toEqual({
        kind,
        months,
        from,
        to,
      });
    },
  );

  it.each(['2026-13', '2026-00', '2026-3', '2026-Q5', '2026Q1', '', "2026-03' OR 1=1", '2026-03-01'])(
    'refuses %j, naming the two accepted forms',
    (text) => {
      expect(() => parsePeriod(text)).toThrow(PeriodError);
      expect(() => parsePeriod(text)).toThrow(/YYYY-MM .* YYYY-Qn/);
    },
  );
});

describe(monthOf.name, () => {
  it('takes the month of the instant in Shanghai time (UTC 16:00 on the last day is the next month)', () => {
    expect(monthOf(Date.parse('2026-03-31T15:59:59Z'), calendar).label).toBe('2026-03');
    expect(monthOf(Date.parse('2026-03-31T16:00:00Z'), calendar).label).toBe('2026-04');
  });
});
