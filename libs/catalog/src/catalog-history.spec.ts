import type { CatalogData } from '@app/contracts';
import { CatalogHistory, CatalogVersion } from './catalog-history';
import { parseCatalog } from './parse-catalog';
import { aCatalogFiles, anItemEntry } from './testing/catalog-files.factory';

const at = (iso: string) => Date.parse(iso);

function aCatalogWithPromisedDays(promisedDays: number): CatalogData {
  return parseCatalog(aCatalogFiles({ 'items.json': [anItemEntry({ promisedDays })] }));
}

function aVersion(version: number, effectiveFrom: string, promisedDays = version): CatalogVersion {
  return { version, effectiveFrom: at(effectiveFrom), data: aCatalogWithPromisedDays(promisedDays) };
}

describe(CatalogHistory.name, () => {
  const v1 = aVersion(1, '2025-01-01T00:00:00+08:00');
  const v2 = aVersion(2, '2025-07-01T00:00:00+08:00');
  const v3 = aVersion(3, '2026-01-01T00:00:00+08:00');
  const sut = new CatalogHistory([v3, v1, v2]);

  it.each([
    ['2025-03-01T10:00:00+08:00', 1],
    ['2025-06-30T23:59:59.999+08:00', 1],
    ['2025-07-01T00:00:00+08:00', 2],
    ['2025-12-31T12:00:00+08:00', 2],
    ['2027-05-01T12:00:00+08:00', 3],
  ])('at %s uses version %d, the latest in force', (instant, expected) => {
    expect(sut.versionAt(at(instant))?.version).toBe(expected);
  });

  it('has no version in force before the first one', () => {
    expect(sut.versionAt(at('2024-12-31T23:59:59+08:00'))).toBeUndefined();
    expect(sut.indexAt(at('2024-12-31T23:59:59+08:00'))).toBeUndefined();
  });

  it('builds the index of a version once and serves it from then on', () => {
    const first = sut.indexAt(at('2025-08-01T00:00:00+08:00'));
    const second = sut.indexAt(at('2025-09-01T00:00:00+08:00'));

    expect(first?.items.get('XK-001')?.promisedDays).toBe(2);
    expect(second).toBe(first);
  });

  it('orders versions by effective instant and adds a candidate without changing the original', () => {
    const candidate = aVersion(4, '2026-06-01T00:00:00+08:00', 9);
    const whatIf = sut.with(candidate);

    expect(sut.all.map((version) => version.version)).toEqual([1, 2, 3]);
    expect(whatIf.latest).toBe(candidate);
    expect(whatIf.versionAt(at('2026-07-01T00:00:00+08:00'))?.data.items[0]?.promisedDays).toBe(9);
  });

  it('puts a single catalogue in force since the epoch', () => {
    expect(CatalogHistory.single(v1.data).versionAt(at('2001-01-01T00:00:00Z'))?.data).toBe(v1.data);
  });

  it('refuses two versions taking effect at the same instant, or one version listed twice', () => {
    expect(() => new CatalogHistory([v1, aVersion(5, '2025-01-01T00:00:00+08:00')])).toThrow(
      /versions 1 and 5 take effect at the same instant/,
    );
    expect(() => new CatalogHistory([v1, { ...v2, version: 1 }])).toThrow(/version 1 is listed twice/);
  });
});
