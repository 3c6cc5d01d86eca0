import type { CatalogData } from '@app/contracts';
import { CatalogFiles, parseCatalog } from './parse-catalog';

/**
 * A published version must take effect at least this long after it is created: a catalogue in
 * force in the past would rewrite what was raised live, and the pipeline needs time to load it
 * (it re-reads the versions every `CATALOG_REFRESH_MS`).
 */
export const PUBLISH_LEAD_MS = 60_000;

/** The catalogue of a request or a stored row, keyed like `CatalogData`; unknown keys are ignored. */
export interface CatalogDocument {
  departments?: unknown;
  items?: unknown;
  fees?: unknown;
  discretion?: unknown;
  calendar?: unknown;
  settings?: unknown;
}

/**
 * Validates a catalogue given as one JSON document (`{ departments, items, fees, discretion,
 * calendar, settings? }`) exactly as a directory is validated: `parseCatalog`, which throws
 * `CatalogError` naming the file, entry and field of every problem, and fills in the defaults.
 */
export function parseCatalogDocument(document: CatalogDocument): CatalogData {
  const files: CatalogFiles = {
    'departments.json': document.departments,
    'items.json': document.items,
    'fees.json': document.fees,
    'discretion.json': document.discretion,
    'calendar.json': document.calendar,
  };
  if (document.settings !== undefined) files['settings.json'] = document.settings;
  return parseCatalog(files);
}

/** Why a published version may not be created with this effective instant, or undefined. */
export function publishProblem(effectiveFromMs: number, nowMs: number): string | undefined {
  if (effectiveFromMs < nowMs + PUBLISH_LEAD_MS)
    return (
      `a published version takes effect at least ${PUBLISH_LEAD_MS / 1000} s from now ` +
      `(${new Date(nowMs + PUBLISH_LEAD_MS).toISOString()} or later): the past is not rewritten; ` +
      `use a candidate version to replay a change over past events`
    );
  return undefined;
}
