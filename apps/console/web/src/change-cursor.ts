// Where the page stands in the stream of signal changes: which outbox sequences it has, so that a
// change delivered twice (live and by catch-up, or by two relays) is applied once, and what to ask
// for when the socket reconnects.
import type { ResumeRequest } from '../../../../libs/contracts/src/wall-protocol';

export class ChangeCursor {
  /** The snapshot's settled sequence: every change up to it is already in the snapshot. */
  private base = 0;
  private highest = 0;
  /** Sequences applied since the snapshot, oldest first (a Set keeps insertion order). */
  private readonly seen = new Set<number>();

  constructor(
    /** How many sequences are remembered for de-duplication. */
    private readonly remember = 20_000,
    /** How many of the most recent ones a resume request lists (the server accepts 5,000). */
    private readonly listed = 5_000,
  ) {}

  /** A new snapshot: nothing seen yet above its settled sequence. */
  start(base: number): void {
    this.base = base;
    this.highest = base;
    this.seen.clear();
  }

  get settled(): number {
    return this.base;
  }

  /** Records a change; false when it is in the snapshot or was applied before (skip it). */
  accept(sequence: number): boolean {
    if (sequence <= this.base || this.seen.has(sequence)) return false;
    this.seen.add(sequence);
    if (sequence > this.highest) this.highest = sequence;
    if (this.seen.size > this.remember) {
      const oldest = this.seen.values().next();
      if (!oldest.done) this.seen.delete(oldest.value);
    }
    return true;
  }

  /** What to ask for after a reconnection: everything since the highest sequence, except what we have. */
  resumeRequest(after = this.base): ResumeRequest {
    const recent = [...this.seen].sort((a, b) => a - b).slice(-this.listed);
    return { from: this.highest, seen: recent, after: Math.max(after, this.base) };
  }
}
