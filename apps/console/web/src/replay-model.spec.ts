import {
  comparable,
  countsByDepartment,
  defaultWindow,
  diffFacets,
  filterDiff,
  lastDayOf,
  parseSse,
  progressOf,
  shanghaiDay,
  windowOf,
  type DiffRow,
  type DiffSignal,
} from './replay-model';
import type { ReplayRunRecord } from '../../../../libs/contracts/src/replay-views';

function signal(overrides: Partial<DiffSignal> = {}): DiffSignal {
  return {
    alertKey: 'C-1|TIME_OVERDUE|',
    caseId: 'C-1',
    itemCode: 'XK-SCJG-001',
    departmentId: 'scjgj',
    ruleId: 'TIME_OVERDUE',
    level: 'yellow',
    stage: 'during',
    raisedAt: '2026-03-10T16:00:00.000Z',
    message: '超承诺时限',
    ...overrides,
  };
}

const rows: DiffRow[] = [
  {
    alertKey: 'A-1|TIME_OVERDUE|',
    kind: 'missing',
    fields: [],
    replay: signal({ caseId: 'A-1' }),
    live: null,
  },
  {
    alertKey: 'B-2|FEE_OVER|',
    kind: 'extra',
    fields: [],
    replay: null,
    live: signal({ caseId: 'B-2', departmentId: 'zjj', ruleId: 'FEE_OVER', level: 'red', status: 'open' }),
  },
  {
    alertKey: 'a-3|TIME_WARNING|',
    kind: 'different',
    fields: ['level'],
    replay: signal({ caseId: 'a-3', ruleId: 'TIME_WARNING', level: 'warning' }),
    live: signal({ caseId: 'a-3', ruleId: 'TIME_WARNING', level: 'yellow', status: 'closed' }),
  },
];

const keys = (found: DiffRow[]) => found.map((row) => row.alertKey);

describe('the diff table filters', () => {
  it('keeps every row without a filter, in order', () => {
    expect(keys(filterDiff(rows, {}))).toEqual(keys(rows));
  });

  it('narrows by kind, department (of the live side when the replay has none) and rule', () => {
    expect(keys(filterDiff(rows, { kind: 'extra' }))).toEqual(['B-2|FEE_OVER|']);
    expect(keys(filterDiff(rows, { departmentId: 'zjj' }))).toEqual(['B-2|FEE_OVER|']);
    expect(keys(filterDiff(rows, { departmentId: 'scjgj', ruleId: 'TIME_WARNING' }))).toEqual([
      'a-3|TIME_WARNING|',
    ]);
  });

  it('matches a level on either side, and a case id in any case', () => {
    expect(keys(filterDiff(rows, { level: 'yellow' }))).toEqual(['A-1|TIME_OVERDUE|', 'a-3|TIME_WARNING|']);
    expect(keys(filterDiff(rows, { level: 'warning' }))).toEqual(['a-3|TIME_WARNING|']);
    expect(keys(filterDiff(rows, { caseText: ' A-' }))).toEqual(['A-1|TIME_OVERDUE|', 'a-3|TIME_WARNING|']);
    expect(filterDiff(rows, { kind: 'missing', level: 'red' })).toEqual([]);
  });

  it('offers the departments, rules and levels present', () => {
    expect(diffFacets(rows)).toEqual({
      departments: ['scjgj', 'zjj'],
      rules: ['FEE_OVER', 'TIME_OVERDUE', 'TIME_WARNING'],
      levels: ['red', 'warning', 'yellow'],
    });
  });

  it('counts missing, extra and different per department, the most first', () => {
    expect(countsByDepartment(rows)).toEqual([
      { departmentId: 'scjgj', counts: { missing: 1, extra: 0, different: 1 } },
      { departmentId: 'zjj', counts: { missing: 0, extra: 1, different: 0 } },
    ]);
  });
});

describe('the replay window', () => {
  it('takes two days of Asia/Shanghai, both included', () => {
    expect(windowOf('2026-03-01', '2026-03-31')).toEqual({
      from: '2026-03-01T00:00:00+08:00',
      to: '2026-04-01T00:00:00+08:00',
    });
    expect(windowOf('2026-12-31', '2026-12-31')?.to).toBe('2027-01-01T00:00:00+08:00');
  });

  it('refuses a last day before the first, and what is not YYYY-MM-DD', () => {
    expect(windowOf('2026-03-02', '2026-03-01')).toBeUndefined();
    expect(windowOf('2026-3-1', '2026-03-02')).toBeUndefined();
    expect(windowOf('2026-02-30', '2026-03-02')).toBeUndefined();
    expect(windowOf('', '2026-03-02')).toBeUndefined();
  });

  it('shows days in Asia/Shanghai: the last day of a run is the day before its exclusive end', () => {
    expect(shanghaiDay('2026-03-01T16:30:00.000Z')).toBe('2026-03-02');
    expect(lastDayOf({ end: '2026-03-31T16:00:00.000Z' })).toBe('2026-03-31');
    expect(defaultWindow(Date.parse('2026-03-31T04:00:00Z'), 30)).toEqual({
      fromDay: '2026-03-02',
      toDay: '2026-03-31',
    });
  });
});

describe('a run', () => {
  const run = (overrides: Partial<ReplayRunRecord>): ReplayRunRecord => ({
    id: 'r1',
    requestedBy: 'shenji',
    requestedRole: 'auditor',
    address: null,
    requestedAt: '2026-04-01T00:00:00.000Z',
    from: '2026-03-01T00:00:00.000Z',
    to: '2026-04-01T00:00:00.000Z',
    watermark: '2026-04-01T00:00:00.000Z',
    end: '2026-04-01T00:00:00.000Z',
    departments: null,
    catalog: { mode: 'in-force' },
    lookbackDays: 400,
    status: 'running',
    startedAt: '2026-04-01T00:00:01.000Z',
    finishedAt: null,
    casesTotal: 10,
    eventsTotal: 200,
    eventsRead: 100,
    signals: 3,
    missing: null,
    extra: null,
    different: null,
    error: null,
    summary: { phase: 'replaying' },
    ...overrides,
  });

  it('progresses with the events read, then the diff, then done', () => {
    expect(progressOf(run({ status: 'queued', eventsTotal: null }))).toBe(0);
    expect(progressOf(run({}))).toBeCloseTo(0.475);
    expect(progressOf(run({ summary: { phase: 'diffing' }, eventsRead: 200 }))).toBe(0.97);
    expect(progressOf(run({ status: 'done' }))).toBe(1);
  });

  it('compares with another run over the same window and departments only', () => {
    const base = run({});
    expect(comparable(base, run({ id: 'r2', catalog: { mode: 'candidate', versionId: 2 } }))).toBe(true);
    expect(comparable(base, base)).toBe(false);
    expect(comparable(base, run({ id: 'r2', end: '2026-03-31T00:00:00.000Z' }))).toBe(false);
    expect(comparable(base, run({ id: 'r2', departments: ['scjgj'] }))).toBe(false);
  });
});

describe('server-sent events', () => {
  it('splits events across chunks, skips comments and keeps the unfinished rest', () => {
    const first = parseSse('event: progress\ndata: {"a":1}\n\n: keep-alive\n\nevent: done\nda');
    expect(first.events).toEqual([{ event: 'progress', data: '{"a":1}' }]);
    const second = parseSse(`${first.rest}ta: {"a":2}\n\n`);
    expect(second).toEqual({ events: [{ event: 'done', data: '{"a":2}' }], rest: '' });
  });

  it('reads CRLF line ends and data over several lines', () => {
    expect(parseSse('data: x\r\ndata: y\r\n\r\n').events).toEqual([{ event: 'message', data: 'x\ny' }]);
  });
});
