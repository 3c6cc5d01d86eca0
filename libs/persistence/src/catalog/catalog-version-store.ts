import type { CatalogData } from '@app/contracts';
import { CatalogFiles, CatalogHistory, parseCatalog } from '@app/catalog';
import type { Actor } from '../auth/roles';

/**
 * `published`: in force from its effective instant, live and in "in force" replays.
 * `candidate`: never live; replayed on request to see what a change would do (what-if).
 */
export const CATALOG_VERSION_KINDS = ['published', 'candidate'] as const;
export type CatalogVersionKind = (typeof CATALOG_VERSION_KINDS)[number];

/** The seeded first version is in force since the epoch: it governs all history before any change. */
export const SEED_EFFECTIVE_FROM = '1970-01-01T00:00:00.000Z';

/**
 * A published version must take effect at least this long after it is created: a catalogue in
 * force in the past would rewrite what was raised live, and the pipeline needs time to load it
 * (it re-reads the versions every `CATALOG_REFRESH_MS`).
 */
export const PUBLISH_LEAD_MS = 60_000;

export interface CatalogVersionRecord {
  id: number;
  kind: CatalogVersionKind;
  effectiveFrom: string;
  note: string | null;
  basedOn: number | null;
  authorUsername: string;
  authorRole: string;
  createdAt: string;
}

export interface CatalogVersionWithData extends CatalogVersionRecord {
  data: CatalogData;
}

export interface NewCatalogVersion {
  kind: CatalogVersionKind;
  effectiveFrom: string;
  data: CatalogData;
  note?: string | null;
  basedOn?: number | null;
}

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

export class CatalogVersionConflict extends Error {
  override readonly name = 'CatalogVersionConflict';
}

/** Port: the immutable catalogue versions. */
export abstract class CatalogVersionStore {
  /** Every version without its data, oldest first. */
  abstract list(): Promise<CatalogVersionRecord[]>;
  abstract get(id: number): Promise<CatalogVersionWithData | null>;
  /** Stores a validated catalogue; throws `CatalogVersionConflict` when a published instant is taken. */
  abstract create(version: NewCatalogVersion, actor: Actor): Promise<CatalogVersionRecord>;
  /** The published versions as a history, or undefined when there is none. */
  abstract publishedHistory(): Promise<CatalogHistory | undefined>;
  /** Stores `data` as version 1 (published, since the epoch) when there is no version at all. */
  abstract seedIfEmpty(data: CatalogData, note: string): Promise<CatalogVersionRecord | undefined>;
}
