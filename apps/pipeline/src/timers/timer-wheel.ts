import { DeadlineQueue } from '@app/rules';

/**
 * The pending deadlines of the cases this instance owns: each case's earliest timer in one
 * `DeadlineQueue` (typed arrays, no JavaScript timer per deadline). Cases get small integer
 * handles; `popDue` yields the cases due at the watermark in due order.
 */
export class TimerWheel {
  private queue = new DeadlineQueue();
  private readonly handles = new Map<string, number>();
  private readonly caseIds: string[] = [];
  private readonly partitions: number[] = [];
  private owned = new Set<number>();

  get pending(): number {
    return this.queue.pending;
  }

  /** Replaces everything with the deadlines of the partitions now owned. */
  reset(partitions: number[], deadlines: { caseId: string; dueAt: number; partition: number }[]): void {
    this.owned = new Set(partitions);
    this.queue = new DeadlineQueue(Math.max(1024, deadlines.length));
    for (const deadline of deadlines) this.schedule(deadline.caseId, deadline.partition, deadline.dueAt);
  }

  /** Sets (or, with null, drops) a case's next due instant; ignores partitions not owned. */
  schedule(caseId: string, partition: number, dueAt: number | null): void {
    if (!this.owned.has(partition)) return;
    let handle = this.handles.get(caseId);
    if (handle === undefined) {
      if (dueAt === null) return;
      handle = this.caseIds.length;
      this.caseIds.push(caseId);
      this.partitions.push(partition);
      this.handles.set(caseId, handle);
    }
    this.partitions[handle] = partition;
    if (dueAt === null) this.queue.cancel(handle);
    else this.queue.schedule(handle, dueAt);
  }

  /** Sets the next due instant of each case a batch folded. */
  scheduleAll(deadlines: readonly { caseId: string; partition: number; dueAt: number | null }[]): void {
    for (const d of deadlines) this.schedule(d.caseId, d.partition, d.dueAt);
  }

  /** Puts popped cases back (their sweep failed), due at `dueAt`, so the next sweep retries them. */
  restore(caseIds: string[], dueAt: number): void {
    for (const caseId of caseIds) {
      const handle = this.handles.get(caseId);
      if (handle !== undefined && this.queue.dueOf(handle) === undefined) this.queue.schedule(handle, dueAt);
    }
  }

  /** Up to `limit` cases whose deadline is at or before the watermark, earliest first. */
  popDue(watermarkMs: number, limit: number): string[] {
    return this.popHandles(watermarkMs, limit).map((handle) => this.caseIds[handle] as string);
  }

  /** `popDue`, grouped by the partition of each case. */
  popDueByPartition(watermarkMs: number, limit: number): Map<number, string[]> {
    const due = new Map<number, string[]>();
    for (const handle of this.popHandles(watermarkMs, limit)) {
      const partition = this.partitions[handle] as number;
      const list = due.get(partition);
      if (list) list.push(this.caseIds[handle] as string);
      else due.set(partition, [this.caseIds[handle] as string]);
    }
    return due;
  }

  private popHandles(watermarkMs: number, limit: number): number[] {
    const handles: number[] = [];
    while (handles.length < limit) {
      const handle = this.queue.popDue(watermarkMs);
      if (handle < 0) break;
      handles.push(handle);
    }
    return handles;
  }
}
