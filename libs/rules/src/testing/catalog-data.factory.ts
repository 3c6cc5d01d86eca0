import { OFFICIAL_CALENDAR_2025_2026 } from '@app/calendar';
import { DEFAULT_SETTINGS, type CatalogData } from '@app/contracts';
import { aBenchmark, aFee, anItem } from './factories';

/** A whole catalogue around the worked-example item of `docs/rules.md` (promised 5, legal 10 workdays). */
export function aCatalogData(promisedDays = 5, settings: Partial<CatalogData['settings']> = {}): CatalogData {
  return {
    departments: [{ id: 'D-SCJ', name: '市场监管局' }],
    items: [anItem({ promisedDays })],
    fees: [aFee()],
    discretion: [aBenchmark()],
    calendar: { ...OFFICIAL_CALENDAR_2025_2026 },
    settings: { ...DEFAULT_SETTINGS, ...settings },
  };
}
