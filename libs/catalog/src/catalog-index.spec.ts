import { parseLocalDate } from '@app/calendar';
import { buildCatalogIndex } from './catalog-index';
import { parseCatalog } from './parse-catalog';
import {
  aBenchmarkEntry,
  aCatalogFiles,
  aDepartmentEntry,
  aFeeEntry,
  anItemEntry,
} from './testing/catalog-files.factory';

describe(buildCatalogIndex.name, () => {
  const data = parseCatalog(
    aCatalogFiles({
      'departments.json': [aDepartmentEntry(), aDepartmentEntry({ id: 'zjj', name: '市住房和城乡建设局' })],
      'items.json': [anItemEntry(), anItemEntry({ code: 'XK-ZJ-001', departmentId: 'zjj' })],
      'fees.json': [aFeeEntry(), aFeeEntry({ code: 'FEE-02', unitAmount: 55000 })],
      'discretion.json': [aBenchmarkEntry(), aBenchmarkEntry({ violationCode: 'WF-002' })],
    }),
  );
  const sut = buildCatalogIndex(data);

  it('looks up items, fees, benchmarks and departments by code', () => {
    expect(sut.items.get('XK-ZJ-001')?.departmentId).toBe('zjj');
    expect(sut.fees.get('FEE-02')?.unitAmount).toBe(55000);
    expect(sut.benchmarks.get('WF-002')?.violationCode).toBe('WF-002');
    expect(sut.departments.get('zjj')?.name).toBe('市住房和城乡建设局');
    expect(sut.items.get('XK-404')).toBeUndefined();
  });

  it('builds the working calendar from the calendar data', () => {
    expect(sut.calendar.isWorkingDay(parseLocalDate('2026-01-01'))).toBe(false);
    expect(sut.calendar.isWorkingDay(parseLocalDate('2026-01-04'))).toBe(true);
    expect(sut.calendar.timeZone).toBe('Asia/Shanghai');
  });

  it('carries the data and settings it was built from', () => {
    expect(sut.data).toBe(data);
    expect(sut.settings).toBe(data.settings);
  });
});
