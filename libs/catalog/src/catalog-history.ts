/**
 * Catalogue versions. Every change administrators make creates a new immutable version with the
 * instant from which it is in force; a replay uses the version in force at each event, or a
 * candidate version for a what-if run. Pure (no I/O).
 */
import type { CatalogData } from '@app/contracts';
import { buildCatalogIndex, CatalogIndex } from './catalog-index';

export interface CatalogVersion {
  version: number | string;
  /** Epoch milliseconds from which this version is in force. */
  effectiveFrom: number;
  data: CatalogData;
}

/** The versions of a catalogue, ordered by `effectiveFrom`. */
export class CatalogHistory {
  private readonly versions: readonly CatalogVersion[];
  private readonly indexes = new Map<CatalogVersion, CatalogIndex>();

  /**
   * Throws when two versions share a `version` or an `effectiveFrom`: which one is in force would
   * depend on list order.
   */
  constructor(versions: readonly CatalogVersion[]) {
    const sorted = [...versions].sort((a, b) => a.effectiveFrom - b.effectiveFrom);
    const seenVersions = new Set<string>();
    sorted.forEach((entry, position) => {
      if (!Number.isFinite(entry.effectiveFrom))
        throw new Error(`catalogue version ${String(entry.version)}: effectiveFrom must be a finite instant`);
      const id = String(entry.version);
      if (seenVersions.has(id)) throw new Error(`catalogue version ${id} is listed twice`);
      seenVersions.add(id);
      const previous = sorted[position - 1];
      if (previous && previous.effectiveFrom === entry.effectiveFrom)
        throw new Error(
          `catalogue versions ${String(previous.version)} and ${id} take effect at the same instant ${new Date(entry.effectiveFrom).toISOString()}`,
        );
    });
    this.versions = sorted;
  }

  /** One version in force since the epoch: what a single catalogue directory is. */
  static single(data: CatalogData, version: number | string = 1): CatalogHistory {
    return new CatalogHistory([{ version, effectiveFrom: 0, data }]);
  }

  /** All versions, oldest first. */
  get all(): readonly CatalogVersion[] {
    return this.versions;
  }

  get latest(): CatalogVersion | undefined {
    return this.versions[this.versions.length - 1];
  }

  /** The version in force at an instant: the latest with `effectiveFrom <= instantMs`; none before the first. */
  versionAt(instantMs: number): CatalogVersion | undefined {
    let low = 0;
    let high = this.versions.length - 1;
    let found: CatalogVersion | undefined;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const candidate = this.versions[middle] as CatalogVersion;
      if (candidate.effectiveFrom <= instantMs) {
        found = candidate;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  }

  /** The lookups of the version in force at an instant, built once per version. */
  indexAt(instantMs: number): CatalogIndex | undefined {
    const version = this.versionAt(instantMs);
    return version ? this.indexOf(version) : undefined;
  }

  indexOf(version: CatalogVersion): CatalogIndex {
    let index = this.indexes.get(version);
    if (!index) {
      index = buildCatalogIndex(version.data);
      this.indexes.set(version, index);
    }
    return index;
  }

  /** A new history with one more version, e.g. a candidate for a what-if replay. */
  with(version: CatalogVersion): CatalogHistory {
    return new CatalogHistory([...this.versions, version]);
  }
}
