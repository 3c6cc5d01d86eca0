import type { CalendarSpec } from './working-calendar';

function range(year: number, month: number, from: number, to: number): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day += 1)
    days.push(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  return days;
}

/** The State Council's 2025 and 2026 holiday schedules (国务院办公厅关于部分节假日安排的通知). */
export const OFFICIAL_CALENDAR_2025_2026: CalendarSpec = {
  timeZone: 'Asia/Shanghai',
  holidays: [
    // 2025: New Year; Spring Festival; Qingming; Labour Day; Dragon Boat; National Day + Mid-Autumn
    '2025-01-01',
    ...range(2025, 1, 28, 31),
    ...range(2025, 2, 1, 4),
    ...range(2025, 4, 4, 6),
    ...range(2025, 5, 1, 5),
    '2025-05-31',
    ...range(2025, 6, 1, 2),
    ...range(2025, 10, 1, 8),
    // 2026: New Year; Spring Festival; Qingming; Labour Day; Dragon Boat; Mid-Autumn; National Day
    ...range(2026, 1, 1, 3),
    ...range(2026, 2, 15, 23),
    ...range(2026, 4, 4, 6),
    ...range(2026, 5, 1, 5),
    ...range(2026, 6, 19, 21),
    ...range(2026, 9, 25, 27),
    ...range(2026, 10, 1, 7),
  ],
  workdays: [
    '2025-01-26',
    '2025-02-08',
    '2025-04-27',
    '2025-09-28',
    '2025-10-11',
    '2026-01-04',
    '2026-02-14',
    '2026-02-28',
    '2026-05-09',
    '2026-09-20',
    '2026-10-10',
  ],
};
