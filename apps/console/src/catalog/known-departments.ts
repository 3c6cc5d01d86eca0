import type { CatalogVersionStore } from '@app/persistence';
import type { ReferenceData } from '../reference/reference-data';

/**
 * The departments an administrator may name (an officer's, a webhook's): those of CATALOG_DIR
 * and of the latest published catalogue version (one that is not in force yet included, so users
 * and webhooks can be ready when it takes effect).
 */
export async function knownDepartments(
  reference: ReferenceData,
  versions: CatalogVersionStore,
): Promise<Set<string>> {
  const known = new Set(reference.departments.map((department) => department.id));
  const latest = (await versions.list())
    .filter((version) => version.kind === 'published')
    .sort((a, b) => Date.parse(b.effectiveFrom) - Date.parse(a.effectiveFrom))[0];
  const found = latest ? await versions.get(latest.id) : null;
  for (const department of found?.data.departments ?? []) known.add(department.id);
  return known;
}
