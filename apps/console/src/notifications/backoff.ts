/**
 * Exponential backoff with jitter: after attempt n (from 1) wait between half and all of
 * min(max, base × 2^(n−1)), so retries of many deliveries spread out instead of hitting a
 * recovering receiver together.
 */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
