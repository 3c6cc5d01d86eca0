/**
 * A min-heap of items by send instant; equal instants leave in insertion order. Upcoming events of
 * every case in flight wait here, so a live run needs one tick loop, not one timer per event.
 */
export class SendQueue<T> {
  private readonly heap: { at: number; sequence: number; item: T }[] = [];
  private sequence = 0;

  get size(): number {
    return this.heap.length;
  }

  /** The earliest send instant, or +Infinity when empty. */
  peekAt(): number {
    return this.heap[0]?.at ?? Number.POSITIVE_INFINITY;
  }

  push(at: number, item: T): void {
    this.heap.push({ at, sequence: this.sequence++, item });
    let child = this.heap.length - 1;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.before(child, parent)) break;
      this.swap(child, parent);
      child = parent;
    }
  }

  pop(): T | undefined {
    const top = this.heap[0];
    if (!top) return undefined;
    const last = this.heap.pop() as (typeof this.heap)[number];
    if (this.heap.length > 0) {
      this.heap[0] = last;
      let parent = 0;
      for (;;) {
        const left = parent * 2 + 1;
        const right = left + 1;
        let smallest = parent;
        if (left < this.heap.length && this.before(left, smallest)) smallest = left;
        if (right < this.heap.length && this.before(right, smallest)) smallest = right;
        if (smallest === parent) break;
        this.swap(parent, smallest);
        parent = smallest;
      }
    }
    return top.item;
  }

  /** Removes and returns every item due at or before the instant, in send order. */
  popUntil(instantMs: number): T[] {
    const due: T[] = [];
    while (this.heap.length > 0 && this.peekAt() <= instantMs) due.push(this.pop() as T);
    return due;
  }

  private before(a: number, b: number): boolean {
    const left = this.heap[a] as (typeof this.heap)[number];
    const right = this.heap[b] as (typeof this.heap)[number];
    return left.at < right.at || (left.at === right.at && left.sequence < right.sequence);
  }

  private swap(a: number, b: number): void {
    const item = this.heap[a] as (typeof this.heap)[number];
    this.heap[a] = this.heap[b] as (typeof this.heap)[number];
    this.heap[b] = item;
  }
}
