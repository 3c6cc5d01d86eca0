import { beijingDateTime, beijingDay, defaultPublishInstant, problemRows } from './admin-format';

describe('Beijing dates', () => {
  it('writes instants as YYYY-MM-DD HH:mm in Beijing time', () => {
    expect(beijingDateTime('2026-11-25T16:30:00.000Z')).toBe('2026-11-26 00:30');
    expect(beijingDay('2026-11-25T16:30:00.000Z')).toBe('2026-11-26');
    expect(beijingDateTime(null)).toBe('—');
    expect(beijingDateTime('not a date')).toBe('—');
  });

  it('proposes publishing five minutes ahead, on the minute', () => {
    const now = Date.parse('2026-11-26T01:00:30.000Z');
    expect(new Date(defaultPublishInstant(now)).toISOString()).toBe('2026-11-26T01:06:00.000Z');
  });
});

describe(problemRows.name, () => {
  it('takes the problems the server gives as data', () => {
    expect(
      problemRows({
        message: ['…'],
        problems: [
          {
            file: 'items.json',
            entryIndex: 1,
            entryKey: { name: 'code', value: 'XK-002' },
            field: 'promisedDays',
            problem: 'must be a number (got "ten")',
          },
          { file: 'departments.json', problem: 'file is missing in the upload' },
        ],
      }),
    ).toEqual([
      {
        file: 'items.json',
        entry: '1 (code "XK-002")',
        field: 'promisedDays',
        problem: 'must be a number (got "ten")',
      },
      { file: 'departments.json', entry: null, field: null, problem: 'file is missing in the upload' },
    ]);
  });

  it('gives each problem in Chinese to a Chinese page, in English where the server has no Chinese', () => {
    const body = {
      problems: [
        {
          file: 'items.json',
          field: 'promisedDays',
          problem: 'must be a number (got "ten")',
          problemZh: '应为数字（实为 "ten"）',
        },
        { file: 'departments.json', problem: 'file is missing in the upload' },
      ],
    };
    expect(problemRows(body, 'zh').map((row) => row.problem)).toEqual([
      '应为数字（实为 "ten"）',
      'file is missing in the upload',
    ]);
    expect(problemRows(body, 'en').map((row) => row.problem)).toEqual([
      'must be a number (got "ten")',
      'file is missing in the upload',
    ]);
  });

  it('reads the message lines when there are no problems as data', () => {
    expect(
      problemRows({
        message: [
          'items.json: entry 3 (code "XK-001"): steps[1].limitDays: must be >= 1',
          'calendar.json: workdays[4]: 2026-10-01 is listed in holidays too',
          'fees.json: not valid JSON: Unexpected end of JSON input',
          'effectiveFrom: a published version takes effect at least 60 s from now',
        ],
      }),
    ).toEqual([
      {
        file: 'items.json',
        entry: '3 (code "XK-001")',
        field: 'steps[1].limitDays',
        problem: 'must be >= 1',
      },
      {
        file: 'calendar.json',
        entry: null,
        field: 'workdays[4]',
        problem: '2026-10-01 is listed in holidays too',
      },
      {
        file: 'fees.json',
        entry: null,
        field: null,
        problem: 'not valid JSON: Unexpected end of JSON input',
      },
      {
        file: '',
        entry: null,
        field: null,
        problem: 'effectiveFrom: a published version takes effect at least 60 s from now',
      },
    ]);
    expect(problemRows(null)).toEqual([]);
  });
});
