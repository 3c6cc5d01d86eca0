import { CatalogHistory, loadCatalogDirectory } from '@app/catalog';
import type { CatalogVersionStore } from './catalog-version-store';

/** The version label of a catalogue read from `CATALOG_DIR` (no version in the database yet). */
export const DIRECTORY_VERSION = 'CATALOG_DIR';

export interface LiveCatalog {
  history: CatalogHistory;
  /** `database`: the published versions; `directory`: none yet, `CATALOG_DIR` since the epoch. */
  source: 'database' | 'directory';
}

/**
 * The catalogue history the live system runs on: the published versions of the database, or,
 * while there is none (a fresh database before the console seeded it), `CATALOG_DIR` as one
 * version in force since the epoch.
 */
export async function loadLiveCatalog(store: CatalogVersionStore, catalogDir: string): Promise<LiveCatalog> {
  const history = await store.publishedHistory();
  if (history) return { history, source: 'database' };
  return {
    history: CatalogHistory.single(await loadCatalogDirectory(catalogDir), DIRECTORY_VERSION),
    source: 'directory',
  };
}
