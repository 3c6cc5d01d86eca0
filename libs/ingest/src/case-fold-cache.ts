import type { CaseFold } from './ports';

/** A kept fold, with the case row's `fold_version` it was written as and the partition of the case. */
export interface CachedFold {
  fold: CaseFold;
  version: number;
  partition: number;
}

/**
 * The folds of the cases this instance worked on last, least recently used evicted first (a `Map`
 * keeps insertion order; a hit moves the case to the end). A miss only costs a re-fold from the
 * audit store, so the bound is memory, not correctness; a capacity of 0 keeps nothing and every
 * batch re-folds its cases from their stored events, as before ADR 0009.
 */
export class CaseFoldCache {
  private readonly folds = new Map<string, CachedFold>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.folds.size;
  }

  get(caseId: string): CachedFold | undefined {
    const cached = this.folds.get(caseId);
    if (cached) {
      this.folds.delete(caseId);
      this.folds.set(caseId, cached);
    }
    return cached;
  }

  set(caseId: string, cached: CachedFold): void {
    if (this.capacity === 0) return;
    this.folds.delete(caseId);
    this.folds.set(caseId, cached);
    if (this.folds.size > this.capacity) {
      const oldest = this.folds.keys().next();
      if (!oldest.done) this.folds.delete(oldest.value);
    }
  }

  forget(caseIds: Iterable<string>): void {
    for (const caseId of caseIds) this.folds.delete(caseId);
  }

  /** Drops the folds of cases of partitions this instance no longer owns (a rebalance). */
  keepPartitions(owned: readonly number[]): void {
    const keep = new Set(owned);
    for (const [caseId, cached] of this.folds) if (!keep.has(cached.partition)) this.folds.delete(caseId);
  }

  clear(): void {
    this.folds.clear();
  }
}
