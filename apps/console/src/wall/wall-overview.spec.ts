import type { DepartmentRow } from '@app/contracts';
import { composeOverview, rankDepartments, wallInstants } from './wall-overview';

const iso = (ms: number) => new Date(ms).toISOString();

describe(wallInstants.name, () => {
  it.each([
    // 01:30 in Shanghai on Nov 1 is still Oct 31 in UTC
    [
      'just after local midnight',
      '2026-10-31T17:30:00Z',
      '2026-10-31T16:00:00.000Z',
      '2026-10-31T16:00:00.000Z',
    ],
    [
      'late in the local evening',
      '2026-11-26T15:59:59Z',
      '2026-11-25T16:00:00.000Z',
      '2026-10-31T16:00:00.000Z',
    ],
    [
      'New Year in Shanghai, still December in UTC',
      '2026-12-31T16:00:00Z',
      '2026-12-31T16:00:00.000Z',
      '2026-12-31T16:00:00.000Z',
    ],
  ])('counts days and months in Asia/Shanghai: %s', (_name, now, dayStart, monthStart) => {
    const sut = wallInstants(Date.parse(now));
    expect(iso(sut.dayStart)).toBe(dayStart);
    expect(sut.dayEnd - sut.dayStart).toBe(86_400_000);
    expect(iso(sut.monthStart)).toBe(monthStart);
  });

  it('starts the 24 hourly buckets 23 hours before the current hour', () => {
    const sut = wallInstants(Date.parse('2026-11-26T09:42:10Z'));
    expect(iso(sut.hoursFrom)).toBe('2026-11-25T10:00:00.000Z');
  });
});

function aRow(departmentId: string, overrides: Partial<Omit<DepartmentRow, 'rank'>> = {}) {
  return {
    departmentId,
    name: departmentId,
    casesInProgress: 0,
    overdueCases: 0,
    open: { red: 0, yellow: 0, warning: 0 },
    overdueAnswers: 0,
    ...overrides,
  };
}

describe(rankDepartments.name, () => {
  it('puts the most open red first, then yellow, answers overdue, cases overdue, warnings, then the id', () => {
    const sut = rankDepartments([
      aRow('a', { open: { red: 0, yellow: 0, warning: 9 } }),
      aRow('b', { overdueCases: 1 }),
      aRow('c', { overdueAnswers: 1 }),
      aRow('d', { open: { red: 0, yellow: 2, warning: 0 } }),
      aRow('e', { open: { red: 1, yellow: 0, warning: 0 } }),
      aRow('f'),
      aRow('g', { open: { red: 1, yellow: 0, warning: 0 } }),
    ]);
    expect(sut.map((row) => `${row.rank}:${row.departmentId}`)).toEqual([
      '1:e',
      '2:g',
      '3:d',
      '4:c',
      '5:b',
      '6:a',
      '7:f',
    ]);
  });
});

describe(composeOverview.name, () => {
  const at = wallInstants(Date.parse('2026-11-26T09:42:10Z'));

  it('adds up tiles and board, counts families with a rule’s own family as fallback, and buckets hours', () => {
    const sut = composeOverview({
      at,
      departments: [
        { id: 'scjgj', name: '市市场监督管理局' },
        { id: 'zjj', name: '市住房和城乡建设局' },
        { id: 'jyj', name: '市教育局' },
      ],
      cases: [
        { departmentId: 'scjgj', inProgress: 10, dueToday: 2, overdue: 1 },
        { departmentId: 'zjj', inProgress: 5, dueToday: 0, overdue: 3 },
      ],
      open: [
        { departmentId: 'scjgj', ruleId: 'TIME_OVERDUE_RED', level: 'red', open: 2, overdue: 1 },
        { departmentId: 'scjgj', ruleId: 'TIME_WARNING', level: 'warning', open: 4, overdue: 0 },
        { departmentId: 'zjj', ruleId: 'FEE_NOT_IN_CATALOG', level: 'red', open: 3, overdue: 0 },
        { departmentId: 'zjj', ruleId: 'TIME_OVERDUE', level: 'yellow', open: 1, overdue: 1 },
      ],
      hourly: [
        { hourMs: at.hoursFrom, level: 'red', count: 2 },
        { hourMs: at.hoursFrom + 23 * 3_600_000, level: 'yellow', count: 5 },
        { hourMs: at.hoursFrom - 3_600_000, level: 'red', count: 99 },
      ],
      completions: { today: { completed: 4, onTime: 3 }, month: { completed: 0, onTime: 0 } },
    });

    expect(sut.tiles).toEqual({
      casesInProgress: 15,
      dueToday: 2,
      overdueCases: 4,
      open: { red: 5, yellow: 1, warning: 4 },
      overdueAnswers: 2,
      onTimeToday: { completed: 4, onTime: 3, rate: 0.75 },
      onTimeMonth: { completed: 0, onTime: 0, rate: null },
    });
    expect(sut.board.map((row) => [row.rank, row.departmentId, row.open.red])).toEqual([
      [1, 'zjj', 3],
      [2, 'scjgj', 2],
      [3, 'jyj', 0],
    ]);
    expect(sut.families).toEqual([
      {
        family: 'time-limit',
        ruleIds: ['TIME_OVERDUE', 'TIME_OVERDUE_RED', 'TIME_WARNING'],
        open: { red: 2, yellow: 1, warning: 4 },
      },
      {
        family: 'FEE_NOT_IN_CATALOG',
        ruleIds: ['FEE_NOT_IN_CATALOG'],
        open: { red: 3, yellow: 0, warning: 0 },
      },
    ]);
    expect(sut.hourly.hours).toHaveLength(24);
    expect(sut.hourly.hours[0]).toBe('2026-11-25T10:00:00.000Z');
    expect(sut.hourly.red[0]).toBe(2);
    expect(sut.hourly.yellow[23]).toBe(5);
    expect(sut.hourly.red.reduce((a, b) => a + b, 0)).toBe(2);
  });
});
