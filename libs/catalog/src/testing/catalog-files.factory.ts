import type { CatalogFiles } from '../parse-catalog';

/** Raw catalogue entries as they appear in the JSON files: only required fields, overridable. */
export function aDepartmentEntry(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'scjgj', name: '市市场监督管理局', ...overrides };
}

export function anItemEntry(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code: 'XK-001',
    name: '食品经营许可',
    departmentId: 'scjgj',
    legalDays: 20,
    promisedDays: 10,
    ...overrides,
  };
}

export function aFeeEntry(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code: 'FEE-01',
    name: '不动产登记费',
    unitAmount: 8000,
    effectiveFrom: '2016-12-01',
    ...overrides,
  };
}

export function aBenchmarkEntry(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    violationCode: 'WF-001',
    name: '未取得食品经营许可从事食品经营活动',
    legalMin: 5_000_000,
    legalMax: 10_000_000,
    hearingThreshold: { person: 1_000_000, organization: 10_000_000 },
    tiers: { exempt: [0, 0], lighter: [5_000_000, 6_500_000], ordinary: [6_500_001, 10_000_000] },
    ...overrides,
  };
}

export function aCalendarFile(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { timeZone: 'Asia/Shanghai', holidays: ['2026-01-01'], workdays: ['2026-01-04'], ...overrides };
}

/** A valid minimal directory; pass a file to replace it, or `undefined` to leave it out. */
export function aCatalogFiles(overrides: CatalogFiles = {}): CatalogFiles {
  return {
    'departments.json': [aDepartmentEntry()],
    'items.json': [anItemEntry()],
    'fees.json': [aFeeEntry()],
    'discretion.json': [aBenchmarkEntry()],
    'calendar.json': aCalendarFile(),
    ...overrides,
  };
}
