import { DEFAULT_SETTINGS } from '@app/contracts';
import { CatalogError } from './catalog-error';
import { catalogWarnings, parseCatalog } from './parse-catalog';
import {
  aBenchmarkEntry,
  aCalendarFile,
  aCatalogFiles,
  aDepartmentEntry,
  aFeeEntry,
  anItemEntry,
} from './testing/catalog-files.factory';

function problemOf(run: () => unknown): CatalogError {
  try {
    run();
  } catch (error) {
    if (error instanceof CatalogError) return error;
    throw error;
  }
  throw new Error('expected a CatalogError');
}

describe(parseCatalog.name, () => {
  it('applies every default of docs/catalogue.md to a minimal catalogue', () => {
    const sut = parseCatalog(aCatalogFiles());

    expect(sut.items[0]).toEqual({
      code: 'XK-001',
      name: '食品经营许可',
      departmentId: 'scjgj',
      kind: 'licensing',
      timeUnit: 'workday',
      legalDays: 20,
      promisedDays: 10,
      warnBeforeDays: 1,
      supervisionDays: 3,
      steps: [],
      requiredMaterials: [],
      feeCodes: [],
      suspensions: [],
    });
    expect(sut.fees[0]?.effectiveTo).toBeNull();
    expect(sut.settings).toEqual(DEFAULT_SETTINGS);
  });

  it('merges a partial settings.json with the defaults, nested fields included', () => {
    const sut = parseCatalog(
      aCatalogFiles({ 'settings.json': { deliveryDays: 7, peerDeviation: { minPeers: 5 } } }),
    );

    expect(sut.settings).toEqual({
      ...DEFAULT_SETTINGS,
      deliveryDays: 7,
      peerDeviation: { ...DEFAULT_SETTINGS.peerDeviation, minPeers: 5 },
    });
  });

  it('ignores unknown fields', () => {
    const sut = parseCatalog(
      aCatalogFiles({
        'departments.json': [aDepartmentEntry({ phone: '0571-12345' })],
        'items.json': [anItemEntry({ violationCodes: ['WF-001'], legacyId: 7 })],
      }),
    );

    expect(sut.departments[0]).toEqual({ id: 'scjgj', name: '市市场监督管理局' });
    expect(sut.items[0]).not.toHaveProperty('legacyId');
  });

  it('keeps optional fields that are given and drops null ones', () => {
    const sut = parseCatalog(
      aCatalogFiles({
        'departments.json': [aDepartmentEntry(), aDepartmentEntry({ id: 'child', parentId: 'scjgj' })],
        'fees.json': [aFeeEntry({ unit: '件', legalBasis: null, effectiveTo: '2025-06-30' })],
      }),
    );

    expect(sut.departments[1]).toEqual({ id: 'child', name: '市市场监督管理局', parentId: 'scjgj' });
    expect(sut.fees[0]).toEqual({
      code: 'FEE-01',
      name: '不动产登记费',
      unitAmount: 8000,
      unit: '件',
      effectiveFrom: '2016-12-01',
      effectiveTo: '2025-06-30',
    });
  });

  it("keeps a department's English name, and drops a null one", () => {
    const sut = parseCatalog(
      aCatalogFiles({
        'departments.json': [
          aDepartmentEntry({ nameEn: 'Municipal Administration for Market Regulation' }),
          aDepartmentEntry({ id: 'child', parentId: 'scjgj', nameEn: null }),
        ],
      }),
    );

    expect(sut.departments).toEqual([
      { id: 'scjgj', name: '市市场监督管理局', nameEn: 'Municipal Administration for Market Regulation' },
      { id: 'child', name: '市市场监督管理局', parentId: 'scjgj' },
    ]);
  });

  it('lets settings.json be absent but requires the five other files', () => {
    expect(() => parseCatalog(aCatalogFiles({ 'settings.json': undefined }))).not.toThrow();
    const error = problemOf(() => parseCatalog({}));

    expect(error.problems.map((problem) => problem.file)).toEqual([
      'departments.json',
      'items.json',
      'fees.json',
      'discretion.json',
      'calendar.json',
    ]);
    expect(error.message).toMatch(/^departments\.json: file is missing$/m);
  });

  it.each([
    [
      'a rule between two fields',
      {
        'items.json': [
          anItemEntry(),
          anItemEntry({ code: 'XK-002' }),
          anItemEntry({ code: 'XK-003' }),
          anItemEntry({ code: 'XK-004', promisedDays: 25 }),
        ],
      },
      'items.json: entry 3 (code "XK-004"): promisedDays: must be <= legalDays (20)',
    ],
    [
      'a missing field',
      { 'items.json': [anItemEntry({ legalDays: undefined })] },
      'items.json: entry 0 (code "XK-001"): legalDays: is required',
    ],
    [
      'a fractional number',
      { 'items.json': [anItemEntry({ legalDays: 2.5 })] },
      'items.json: entry 0 (code "XK-001"): legalDays: must be an integer (got 2.5)',
    ],
    [
      'a number below its minimum',
      { 'items.json': [anItemEntry({ steps: [{ code: 'review', name: '审查', limitDays: 0 }] })] },
      'items.json: entry 0 (code "XK-001"): steps[0].limitDays: must be >= 1 (got 0)',
    ],
    [
      'a value outside an enumeration',
      { 'items.json': [anItemEntry({ kind: 'permit' })] },
      'items.json: entry 0 (code "XK-001"): kind: must be one of "licensing", "penalty" (got "permit")',
    ],
    [
      'a wrong type',
      { 'items.json': [anItemEntry({ feeCodes: 'FEE-01' })] },
      'items.json: entry 0 (code "XK-001"): feeCodes: must be an array (got "FEE-01")',
    ],
    [
      'an entry without its key',
      { 'items.json': [anItemEntry({ code: '' })] },
      'items.json: entry 0: code: must not be empty',
    ],
    [
      'an entry that is no object',
      { 'items.json': [anItemEntry(), 42] },
      'items.json: entry 1: must be a JSON object',
    ],
    [
      'a file that is no array',
      { 'items.json': { code: 'XK-001' } },
      'items.json: must be a JSON array of entries',
    ],
    [
      'a duplicate code',
      { 'items.json': [anItemEntry(), anItemEntry({ name: '另一个' })] },
      'items.json: entry 1 (code "XK-001"): code: duplicates entry 0',
    ],
    [
      'an unknown department',
      { 'items.json': [anItemEntry({ departmentId: 'nobody' })] },
      'items.json: entry 0 (code "XK-001"): departmentId: no department "nobody" in departments.json',
    ],
    [
      'a step listed twice',
      {
        'items.json': [
          anItemEntry({
            steps: [
              { code: 'review', name: '审查', limitDays: 3 },
              { code: 'review', name: '复审', limitDays: 3 },
            ],
          }),
        ],
      },
      'items.json: entry 0 (code "XK-001"): steps[1].code: duplicates steps[0]',
    ],
    [
      'a duplicate department',
      { 'departments.json': [aDepartmentEntry(), aDepartmentEntry({ name: '重复' })] },
      'departments.json: entry 1 (id "scjgj"): id: duplicates entry 0',
    ],
    [
      'an English department name that is no string',
      { 'departments.json': [aDepartmentEntry({ nameEn: 42 })] },
      'departments.json: entry 0 (id "scjgj"): nameEn: must be a string (got 42)',
    ],
    [
      'an empty English department name',
      { 'departments.json': [aDepartmentEntry({ nameEn: '' })] },
      'departments.json: entry 0 (id "scjgj"): nameEn: must not be empty',
    ],
    [
      'an English department name too long',
      { 'departments.json': [aDepartmentEntry({ nameEn: 'x'.repeat(201) })] },
      'departments.json: entry 0 (id "scjgj"): nameEn: must be at most 200 characters (got "xxx',
    ],
    [
      'a negative amount of money',
      { 'fees.json': [aFeeEntry({ unitAmount: -1 })] },
      'fees.json: entry 0 (code "FEE-01"): unitAmount: must be >= 0 (got -1)',
    ],
    [
      'a date that does not exist',
      { 'fees.json': [aFeeEntry({ effectiveFrom: '2025-02-30' })] },
      'fees.json: entry 0 (code "FEE-01"): effectiveFrom: must be an existing date YYYY-MM-DD (got "2025-02-30")',
    ],
    [
      'a fee that ends before it starts',
      { 'fees.json': [aFeeEntry({ effectiveFrom: '2025-07-01', effectiveTo: '2025-06-30' })] },
      'fees.json: entry 0 (code "FEE-01"): effectiveTo: must not be before effectiveFrom (2025-07-01)',
    ],
    [
      'a tier whose min exceeds its max',
      { 'discretion.json': [aBenchmarkEntry({ tiers: { lighter: [6_000_000, 5_000_000] } })] },
      'discretion.json: entry 0 (violationCode "WF-001"): tiers.lighter: min 6000000 must be <= max 5000000',
    ],
    [
      'a tier that is no pair',
      { 'discretion.json': [aBenchmarkEntry({ tiers: { lighter: [5_000_000] } })] },
      'discretion.json: entry 0 (violationCode "WF-001"): tiers.lighter[1]: is required',
    ],
    [
      'an exemption with a fine',
      { 'discretion.json': [aBenchmarkEntry({ tiers: { exempt: [0, 100] } })] },
      'discretion.json: entry 0 (violationCode "WF-001"): tiers.exempt: must be [0, 0]: an exemption has no fine',
    ],
    [
      'a legal range upside down',
      { 'discretion.json': [aBenchmarkEntry({ legalMin: 10, legalMax: 5, tiers: {} })] },
      'discretion.json: entry 0 (violationCode "WF-001"): legalMax: must be >= legalMin (10)',
    ],
    [
      'a missing hearing threshold',
      { 'discretion.json': [aBenchmarkEntry({ hearingThreshold: { person: 1_000_000 } })] },
      'discretion.json: entry 0 (violationCode "WF-001"): hearingThreshold.organization: is required',
    ],
    [
      'an invalid calendar date',
      { 'calendar.json': aCalendarFile({ holidays: ['2026-01-01', '2026-13-01'] }) },
      'calendar.json: holidays[1]: must be an existing date YYYY-MM-DD (got "2026-13-01")',
    ],
    [
      'a date that is a holiday and a working day',
      { 'calendar.json': aCalendarFile({ holidays: ['2026-01-04'], workdays: ['2026-01-04'] }) },
      'calendar.json: workdays[0]: 2026-01-04 is listed in holidays too',
    ],
    [
      'an unsupported time zone',
      { 'calendar.json': aCalendarFile({ timeZone: 'Europe/Berlin' }) },
      'calendar.json: timeZone: unsupported timeZone "Europe/Berlin"',
    ],
    [
      'a calendar list left out',
      { 'calendar.json': { timeZone: 'Asia/Shanghai', holidays: [] } },
      'calendar.json: workdays: is required',
    ],
    [
      'a setting out of range',
      { 'settings.json': { dissatisfiedScore: 9 } },
      'settings.json: dissatisfiedScore: must be <= 5 (got 9)',
    ],
  ])('rejects %s, naming file, entry and field', (_kind, files, expected) => {
    const error = problemOf(() => parseCatalog(aCatalogFiles(files)));

    expect(error.message.split('\n')[0]).toContain(expected);
  });

  it('lists the problems of every file in one error', () => {
    const error = problemOf(() =>
      parseCatalog(
        aCatalogFiles({
          'items.json': [anItemEntry({ legalDays: 'twenty' })],
          'fees.json': [aFeeEntry({ unitAmount: 1.5 })],
        }),
      ),
    );

    expect(error.problems).toHaveLength(2);
    expect(error.message).toBe(
      [
        'items.json: entry 0 (code "XK-001"): legalDays: must be a number (got "twenty")',
        'fees.json: entry 0 (code "FEE-01"): unitAmount: must be an integer (got 1.5)',
      ].join('\n'),
    );
    expect(error.file).toBe('items.json');
  });

  it.each([
    ['a wrong type', { 'items.json': [anItemEntry({ legalDays: 'twenty' })] }, '应为数字（实为 "twenty"）'],
    ['a missing field', { 'items.json': [anItemEntry({ legalDays: undefined })] }, '必填'],
    [
      'a value outside an enumeration',
      { 'items.json': [anItemEntry({ kind: 'permit' })] },
      '应为 "licensing"、"penalty" 之一（实为 "permit"）',
    ],
    ['a setting out of range', { 'settings.json': { dissatisfiedScore: 9 } }, '应 ≤ 5（实为 9）'],
    [
      'an invalid calendar date',
      { 'calendar.json': aCalendarFile({ holidays: ['2026-13-01'] }) },
      '应为存在的日期 YYYY-MM-DD（实为 "2026-13-01"）',
    ],
    [
      'a rule between two fields',
      { 'items.json': [anItemEntry({ promisedDays: 25 })] },
      '不能大于 legalDays（20）',
    ],
    [
      'an exemption with a fine',
      { 'discretion.json': [aBenchmarkEntry({ tiers: { exempt: [0, 100] } })] },
      '应为 [0, 0]：免罚没有罚款',
    ],
  ])('says %s in Chinese too, for the administrator’s page', (_kind, files, expected) => {
    const error = problemOf(() => parseCatalog(aCatalogFiles(files)));

    expect(error.problems.map((problem) => problem.problemZh)).toEqual([expected]);
  });
});

describe(catalogWarnings.name, () => {
  it('has nothing to say about a clean catalogue covering the requested year', () => {
    expect(catalogWarnings(parseCatalog(aCatalogFiles()), { years: [2026] })).toEqual([]);
  });

  it('warns about a fee code that fees.json does not define, instead of rejecting the catalogue', () => {
    const sut = parseCatalog(
      aCatalogFiles({ 'items.json': [anItemEntry({ feeCodes: ['FEE-01', 'FEE-99'] })] }),
    );

    expect(catalogWarnings(sut)).toEqual([
      'items.json: entry 0 (code "XK-001"): feeCodes[1]: no fee "FEE-99" in fees.json; every assessment of it will raise FEE_NOT_IN_CATALOG',
    ]);
  });

  it('warns when the calendar does not cover a year that is asked for', () => {
    const sut = parseCatalog(aCatalogFiles());

    expect(catalogWarnings(sut, { years: [2026, 2027] })).toEqual([
      'calendar.json: does not cover 2027 (covers 2026): deadlines in 2027 count weekdays only',
    ]);
  });

  it('warns when the calendar lists no date at all', () => {
    const sut = parseCatalog(
      aCatalogFiles({ 'calendar.json': aCalendarFile({ holidays: [], workdays: [] }) }),
    );

    expect(catalogWarnings(sut)).toEqual([
      'calendar.json: lists no holiday and no make-up working day: every deadline counts weekdays only',
    ]);
  });

  it('warns about tiers outside the legal range, unknown procedures, parents and a useless peer window', () => {
    const sut = parseCatalog(
      aCatalogFiles({
        'departments.json': [aDepartmentEntry({ parentId: 'province' })],
        'items.json': [anItemEntry({ suspensions: [{ procedure: 'lunch', maxDays: 1 }] })],
        'discretion.json': [
          aBenchmarkEntry({ tiers: { mitigated: [1_000_000, 5_000_000], heavier: [9_000_000, 12_000_000] } }),
        ],
        'settings.json': { peerDeviation: { minPeers: 50, window: 10 } },
      }),
    );

    const warnings = catalogWarnings(sut);

    expect(warnings).toHaveLength(5);
    expect(warnings).toEqual(
      expect.arrayContaining([
        'departments.json: entry 0 (id "scjgj"): parentId: no department "province" in departments.json',
        expect.stringContaining(
          'items.json: entry 0 (code "XK-001"): suspensions[0].procedure: "lunch" is not a procedure',
        ),
        'discretion.json: entry 0 (violationCode "WF-001"): tiers.heavier: [9000000, 12000000] is not within the legal range [5000000, 10000000]',
        'discretion.json: entry 0 (violationCode "WF-001"): tiers.mitigated: a mitigated fine must be below legalMin (5000000), max is 5000000',
        'settings.json: peerDeviation.window: 10 is smaller than minPeers (50): PENALTY_PEER_DEVIATION can never fire',
      ]),
    );
  });
});
