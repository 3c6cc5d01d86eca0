/** Latencies in 1 ms buckets (sparse), mergeable across processes. */
export class LatencyHistogram {
  readonly buckets = new Map<number, number>();
  count = 0;

  add(ms: number): void {
    const bucket = Math.max(0, Math.floor(ms));
    this.buckets.set(bucket, (this.buckets.get(bucket) ?? 0) + 1);
    this.count += 1;
  }

  toJSON(): [number, number][] {
    return [...this.buckets.entries()];
  }

  static merge(parts: [number, number][][]): LatencyHistogram {
    const merged = new LatencyHistogram();
    for (const part of parts)
      for (const [bucket, n] of part) {
        merged.buckets.set(bucket, (merged.buckets.get(bucket) ?? 0) + n);
        merged.count += n;
      }
    return merged;
  }

  /** The q-quantile (0..1), in ms (the bucket's upper edge). */
  quantile(q: number): number {
    if (this.count === 0) return Number.NaN;
    const rank = Math.ceil(q * this.count);
    let seen = 0;
    for (const [bucket, n] of [...this.buckets.entries()].sort((a, b) => a[0] - b[0])) {
      seen += n;
      if (seen >= rank) return bucket + 1;
    }
    return Number.NaN;
  }
}
