import type { Department, WallCaseItem } from '@app/contracts';
import { OFFICIAL_CALENDAR_2025_2026, WorkingCalendar } from '@app/calendar';
import { loadCatalogDirectory } from '@app/catalog';
import type { AppConfig } from '@app/platform';
import type { Logger } from 'pino';

/** The names a case view shows for an item of the catalogue: the item's and its steps'. */
export function caseItemOf(item: {
  name: string;
  steps: readonly { code: string; name: string }[];
}): WallCaseItem {
  return { name: item.name, steps: item.steps.map(({ code, name }) => ({ code, name })) };
}

/**
 * What the console needs from the catalogue: the departments (demo officers, names), the
 * working-day calendar of the response deadlines, and the items' and their steps' names (printed
 * notices, the case panel). Loaded once at startup from CATALOG_DIR; when it cannot be read, the
 * official 2025–2026 schedule and no departments, with a warning.
 */
export class ReferenceData {
  constructor(
    readonly departments: Department[],
    readonly calendar: WorkingCalendar,
    /** Items by code: their names and their steps' names. */
    private readonly items: ReadonlyMap<string, WallCaseItem> = new Map(),
  ) {}

  static async load(config: AppConfig, logger: Logger): Promise<ReferenceData> {
    try {
      const catalog = await loadCatalogDirectory(config.CATALOG_DIR);
      return new ReferenceData(
        catalog.departments,
        new WorkingCalendar(catalog.calendar),
        new Map(catalog.items.map((item) => [item.code, caseItemOf(item)])),
      );
    } catch (error) {
      logger.warn(
        { err: error, dir: config.CATALOG_DIR },
        'catalogue not readable: using the official 2025–2026 calendar and no departments',
      );
      return new ReferenceData([], new WorkingCalendar(OFFICIAL_CALENDAR_2025_2026));
    }
  }

  itemName(code: string): string {
    return this.items.get(code)?.name ?? code;
  }

  /** An item's name and its steps' names, or null when the catalogue does not list it. */
  item(code: string): WallCaseItem | null {
    return this.items.get(code) ?? null;
  }

  departmentName(id: string): string {
    return this.departments.find((department) => department.id === id)?.name ?? id;
  }
}
