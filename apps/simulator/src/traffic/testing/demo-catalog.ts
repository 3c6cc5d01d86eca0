import path from 'node:path';
import { buildCatalogIndex, CatalogIndex, loadCatalogDirectorySync } from '@app/catalog';

export const DEMO_CATALOG_DIR = path.resolve(__dirname, '../../../../../deploy/catalog/demo');

let demo: CatalogIndex | undefined;

/** The demo city's catalogue (deploy/catalog/demo), loaded once per test file. */
export function demoCatalog(): CatalogIndex {
  demo ??= buildCatalogIndex(loadCatalogDirectorySync(DEMO_CATALOG_DIR));
  return demo;
}
