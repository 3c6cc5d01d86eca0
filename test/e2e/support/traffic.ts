// Recent, realistic traffic for the wall's screenshots: the simulator's seeded case lifecycles over
// the last days up to now (nothing from the future), with irregularities, no malformed messages.
import path from 'node:path';
import type { ApprovalEvent } from '@app/contracts';
import { buildCatalogIndex, loadCatalogDirectorySync } from '@app/catalog';
import { Backfill } from '../../../apps/simulator/src/traffic';

const DEMO_CATALOG_DIR = path.resolve(__dirname, '../../../deploy/catalog/demo');
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** YYYY-MM-DD of an instant in Asia/Shanghai. */
function localDate(instant: number): string {
  return new Date(instant + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export function recentTraffic(
  now: number,
  options: { cases: number; days: number; seed: number; irregularShare?: number },
): { events: ApprovalEvent[] } {
  const backfill = new Backfill({
    catalog: buildCatalogIndex(loadCatalogDirectorySync(DEMO_CATALOG_DIR)),
    seed: options.seed,
    irregularShare: options.irregularShare ?? 0.35,
    from: localDate(now - options.days * 86_400_000),
    to: localDate(now),
    cases: options.cases,
  });
  const events: ApprovalEvent[] = [];
  for (const message of backfill.messages()) {
    if (message.sendAt > now) break;
    if (message.event && message.label === 'event') events.push(message.event);
  }
  return { events };
}
