import { parseCatalogDocument, PUBLISH_LEAD_MS, publishProblem } from './catalog-document';
import { CatalogError } from './catalog-error';
import { aCatalogFiles } from './testing/catalog-files.factory';

function aDocument(overrides: Record<string, unknown> = {}) {
  const files = aCatalogFiles();
  return {
    departments: files['departments.json'],
    items: files['items.json'],
    fees: files['fees.json'],
    discretion: files['discretion.json'],
    calendar: files['calendar.json'],
    ...overrides,
  };
}

describe(parseCatalogDocument.name, () => {
  it('validates a catalogue document like a directory and fills in the defaults', () => {
    const data = parseCatalogDocument(aDocument());
    expect(data.items[0]).toMatchObject({
      code: 'XK-001',
      warnBeforeDays: 1,
      supervisionDays: 3,
      timeUnit: 'workday',
    });
    expect(data.settings.dissatisfiedScore).toBe(2);
  });

  it('names the file, entry and field of what is wrong', () => {
    const broken = aDocument({
      items: [{ code: 'XK-001', name: 'x', departmentId: 'scjgj', legalDays: 5, promisedDays: 9 }],
    });
    let error: unknown;
    try {
      parseCatalogDocument(broken);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(CatalogError);
    expect((error as CatalogError).message).toMatch(
      /^items\.json: entry 0 \(code "XK-001"\): promisedDays: /,
    );
  });

  it('refuses a document without a required part', () => {
    expect(() => parseCatalogDocument(aDocument({ fees: undefined }))).toThrow(/fees\.json: file is missing/);
  });
});

describe(publishProblem.name, () => {
  const now = Date.parse('2026-11-26T10:00:00Z');

  it('refuses a published version that would be in force in the past or before the pipeline loads it', () => {
    expect(publishProblem(now - 1, now)).toMatch(/the past is not rewritten/);
    expect(publishProblem(now + PUBLISH_LEAD_MS - 1, now)).toBeDefined();
    expect(publishProblem(now + PUBLISH_LEAD_MS, now)).toBeUndefined();
  });
});
