import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OFFICIAL_CALENDAR_2025_2026 } from '@app/calendar';
import { DEFAULT_SETTINGS } from '@app/contracts';
import { CatalogError } from './catalog-error';
import {
  loadCatalogDirectory,
  loadCatalogDirectorySync,
  loadCatalogDirectoryWithWarnings,
} from './load-catalog-directory';
import { aCatalogFiles, anItemEntry } from './testing/catalog-files.factory';
import type { CatalogFiles } from './parse-catalog';

const DEMO_DIR = path.resolve(__dirname, '../../../deploy/catalog/demo');

describe(loadCatalogDirectory.name, () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'catalog-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function writeDirectory(files: CatalogFiles, raw: Record<string, string> = {}): void {
    for (const [file, content] of Object.entries(files))
      if (content !== undefined) writeFileSync(path.join(dir, file), JSON.stringify(content));
    for (const [file, text] of Object.entries(raw)) writeFileSync(path.join(dir, file), text);
  }

  it('loads a directory without settings.json, with the default settings', async () => {
    writeDirectory(aCatalogFiles());

    const sut = await loadCatalogDirectory(dir);

    expect(sut.items.map((item) => item.code)).toEqual(['XK-001']);
    expect(sut.settings).toEqual(DEFAULT_SETTINGS);
  });

  it('names a missing required file and the directory', async () => {
    writeDirectory(aCatalogFiles({ 'fees.json': undefined }));

    await expect(loadCatalogDirectory(dir)).rejects.toThrow(`fees.json: file is missing in ${dir}`);
  });

  it('names a file that is not JSON', async () => {
    writeDirectory(aCatalogFiles(), { 'discretion.json': '[{"violationCode": "WF-001",' });

    const error = await loadCatalogDirectory(dir).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CatalogError);
    expect((error as CatalogError).message).toMatch(/^discretion\.json: not valid JSON: /);
  });

  it('rejects a file that breaks its format with the entry and field', async () => {
    writeDirectory(aCatalogFiles({ 'items.json': [anItemEntry({ promisedDays: 30 })] }));

    await expect(loadCatalogDirectory(dir)).rejects.toThrow(
      'items.json: entry 0 (code "XK-001"): promisedDays: must be <= legalDays (20)',
    );
  });

  it('accepts a UTF-8 byte-order mark', async () => {
    writeDirectory(aCatalogFiles({ 'items.json': undefined }), {
      'items.json': `\uFEFF${JSON.stringify([anItemEntry()])}`,
    });

    await expect(loadCatalogDirectory(dir)).resolves.toMatchObject({ items: [{ code: 'XK-001' }] });
  });

  it('reads the same catalogue synchronously', async () => {
    writeDirectory(aCatalogFiles({ 'settings.json': { deliveryDays: 3 } }));

    expect(loadCatalogDirectorySync(dir)).toEqual(await loadCatalogDirectory(dir));
  });
});

describe('the demo catalogue (deploy/catalog/demo)', () => {
  it('loads without errors or warnings for 2025 and 2026', async () => {
    const { data, warnings } = await loadCatalogDirectoryWithWarnings(DEMO_DIR, { years: [2025, 2026] });

    expect(warnings).toEqual([]);
    expect(data.departments.length).toBeGreaterThanOrEqual(10);
    expect(data.items.length).toBeGreaterThanOrEqual(40);
    expect(data.items.filter((item) => item.kind === 'penalty').length).toBeGreaterThanOrEqual(8);
    expect(data.settings).toEqual(DEFAULT_SETTINGS);
  });

  it('ships the official 2025 and 2026 holiday schedules', async () => {
    const { calendar } = await loadCatalogDirectory(DEMO_DIR);

    expect(calendar.timeZone).toBe('Asia/Shanghai');
    expect([...calendar.holidays].sort()).toEqual([...OFFICIAL_CALENDAR_2025_2026.holidays].sort());
    expect([...calendar.workdays].sort()).toEqual([...OFFICIAL_CALENDAR_2025_2026.workdays].sort());
  });

  it('has penalty items on calendar days with the 90-day legal limit, and one abolished fee', async () => {
    const { items, fees } = await loadCatalogDirectory(DEMO_DIR);

    for (const item of items.filter((entry) => entry.kind === 'penalty')) {
      expect(item).toMatchObject({ timeUnit: 'calendar', legalDays: 90 });
    }
    expect(fees.filter((fee) => fee.effectiveTo !== null && fee.effectiveTo < '2026-01-01')).toHaveLength(1);
  });
});
