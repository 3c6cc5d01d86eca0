import type { Actor, CatalogData } from '@app/contracts';
import type { CatalogHistory } from '@app/catalog';

/**
 * `published`: in force from its effective instant, live and in "in force" replays.
 * `candidate`: never live; replayed on request to see what a change would do (what-if).
 */
export const CATALOG_VERSION_KINDS = ['published', 'candidate'] as const;
export type CatalogVersionKind = (typeof CATALOG_VERSION_KINDS)[number];

/** The seeded first version is in force since the epoch: it governs all history before any change. */
export const SEED_EFFECTIVE_FROM = '1970-01-01T00:00:00.000Z';

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
