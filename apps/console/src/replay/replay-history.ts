import { BadRequestException } from '@nestjs/common';
import { CatalogHistory } from '@app/catalog';
import type { CatalogSelection } from '@app/contracts';
import { CatalogVersionStore, loadLiveCatalog } from '@app/persistence';

/**
 * The catalogue history a replay runs with: the published versions ("in force", the version in
 * force at each case's first event), or those with a candidate in the place it would take if
 * published at its effective instant (replacing a published version at the same instant).
 */
export async function replayHistory(
  versions: CatalogVersionStore,
  catalogDir: string,
  selection: CatalogSelection,
): Promise<CatalogHistory> {
  const live = await loadLiveCatalog(versions, catalogDir);
  if (selection.mode === 'in-force') return live.history;
  const candidate = await versions.get(selection.versionId);
  if (!candidate)
    throw new BadRequestException(`catalog.versionId: no catalogue version ${selection.versionId}`);
  const effectiveFrom = Date.parse(candidate.effectiveFrom);
  return new CatalogHistory([
    ...live.history.all.filter((version) => version.effectiveFrom !== effectiveFrom),
    { version: candidate.id, effectiveFrom, data: candidate.data },
  ]);
}
