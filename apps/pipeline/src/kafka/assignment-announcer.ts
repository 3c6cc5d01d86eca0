import { setTimeout as wait } from 'node:timers/promises';

/** Backoff of the retries: from `initialMs`, doubling, at most `maxMs`. */
export interface Backoff {
  initialMs: number;
  maxMs: number;
}

/**
 * Hands each partition assignment to `load` (which loads the partitions' pending deadlines),
 * retrying with backoff while it fails, until it succeeds or a newer assignment replaces it: a
 * rebalance during a store outage must not leave the partitions' timers unloaded.
 */
export class AssignmentAnnouncer {
  private latest = 0;

  constructor(
    private readonly load: (partitions: number[]) => Promise<void>,
    private readonly backoff: Backoff,
    private readonly failed: (error: unknown, retryInMs: number) => void,
    private readonly sleep: (ms: number) => Promise<void> = wait,
  ) {}

  /** Resolves once loaded, or once a newer assignment took over; never rejects. */
  async announce(partitions: number[]): Promise<void> {
    const assignment = ++this.latest;
    for (let delay = this.backoff.initialMs; assignment === this.latest; ) {
      try {
        await this.load(partitions);
        return;
      } catch (error) {
        this.failed(error, delay);
        await this.sleep(delay);
        delay = Math.min(delay * 2, this.backoff.maxMs);
      }
    }
  }
}
