/** Order statistics of a handful of runs: the median and its spread. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  /** Interquartile range (linear interpolation between closest ranks). */
  p25: number;
  p75: number;
  n: number;
  runs: number[];
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const a = sorted[low] as number;
  const b = sorted[high] as number;
  return a + (b - a) * (position - low);
}

export function summarize(values: readonly number[]): Summary {
  const finite = values.filter((v) => Number.isFinite(v));
  const sorted = [...finite].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    n: sorted.length,
    runs: [...values],
  };
}

/** Per-pair ratios system / limit of interleaved runs (pair i = the i-th limit and system run). */
export function pairRatios(system: readonly number[], limit: readonly number[]): number[] {
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(system.length, limit.length); i += 1) {
    ratios.push((system[i] as number) / (limit[i] as number));
  }
  return ratios;
}

/** The summary of the per-pair ratios system / limit of one measure of interleaved runs. */
export function pairRatioSummary<Run>(
  system: readonly Run[],
  limit: readonly Run[],
  measure: (run: Run) => number,
): Summary {
  return summarize(pairRatios(system.map(measure), limit.map(measure)));
}

/** Percentile (0..100) of an unsorted sample. */
export function percentile(values: readonly number[], p: number): number {
  return quantile(
    [...values].sort((a, b) => a - b),
    p / 100,
  );
}
