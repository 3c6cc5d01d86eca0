/**
 * A min-priority queue of deadlines for millions of handles, without one JavaScript object or
 * timer per deadline: a binary heap over typed arrays (due instant, handle, generation), 16 bytes
 * an entry, plus 12 bytes a handle for the live deadline and its generation.
 *
 * Each handle (a small non-negative integer, e.g. a case's index) has at most one live deadline.
 * `schedule` replaces it and `cancel` drops it by bumping the handle's generation: the stale heap
 * entry is skipped when it reaches the top (lazy deletion), and the heap is compacted when stale
 * entries outnumber live ones. Equal due instants come out by ascending handle.
 */
export class DeadlineQueue {
  private dueAt: Float64Array;
  private handles: Uint32Array;
  private generations: Uint32Array;
  private size = 0;
  /** Per handle: the live deadline (NaN when none) and its generation. */
  private liveDue: Float64Array;
  private liveGeneration: Uint32Array;
  private live = 0;

  constructor(initialCapacity = 1024, initialHandles = 1024) {
    const capacity = Math.max(16, initialCapacity);
    this.dueAt = new Float64Array(capacity);
    this.handles = new Uint32Array(capacity);
    this.generations = new Uint32Array(capacity);
    const handles = Math.max(16, initialHandles);
    this.liveDue = new Float64Array(handles).fill(Number.NaN);
    this.liveGeneration = new Uint32Array(handles);
  }

  /** Deadlines scheduled and not yet popped or cancelled. */
  get pending(): number {
    return this.live;
  }

  /** Heap entries, live and stale (for footprint checks). */
  get entries(): number {
    return this.size;
  }

  /** The live deadline of a handle, or undefined. */
  dueOf(handle: number): number | undefined {
    const due = handle < this.liveDue.length ? this.liveDue[handle] : Number.NaN;
    return due === undefined || Number.isNaN(due) ? undefined : due;
  }

  /** Sets the handle's deadline, replacing any earlier one. */
  schedule(handle: number, dueMs: number): void {
    if (!Number.isInteger(handle) || handle < 0 || handle > 0xfffffffe)
      throw new RangeError(`bad handle ${handle}`);
    if (Number.isNaN(dueMs)) throw new RangeError('due instant is NaN');
    this.ensureHandle(handle);
    const current = this.liveDue[handle] as number;
    if (current === dueMs) return;
    if (Number.isNaN(current)) this.live += 1;
    const generation = ((this.liveGeneration[handle] as number) + 1) >>> 0;
    this.liveGeneration[handle] = generation;
    this.liveDue[handle] = dueMs;
    this.push(dueMs, handle, generation);
    if (this.size > 2 * this.live + 1024) this.compact();
  }

  /** Drops the handle's deadline, if any. */
  cancel(handle: number): void {
    if (handle >= this.liveDue.length || Number.isNaN(this.liveDue[handle] as number)) return;
    this.liveDue[handle] = Number.NaN;
    this.liveGeneration[handle] = ((this.liveGeneration[handle] as number) + 1) >>> 0;
    this.live -= 1;
    if (this.size > 2 * this.live + 1024) this.compact();
  }

  /** The earliest live due instant, or Infinity when none. */
  peekDue(): number {
    this.dropStaleTop();
    return this.size === 0 ? Infinity : (this.dueAt[0] as number);
  }

  /** Removes and returns the handle of the earliest live deadline, or -1 when none. */
  pop(): number {
    this.dropStaleTop();
    if (this.size === 0) return -1;
    const handle = this.handles[0] as number;
    this.removeTop();
    this.liveDue[handle] = Number.NaN;
    this.live -= 1;
    return handle;
  }

  /** Removes and returns the handle of the earliest deadline due at or before `watermarkMs`, or -1. */
  popDue(watermarkMs: number): number {
    return this.peekDue() <= watermarkMs ? this.pop() : -1;
  }

  private isStale(index: number): boolean {
    const handle = this.handles[index] as number;
    return this.liveGeneration[handle] !== this.generations[index];
  }

  private dropStaleTop(): void {
    while (this.size > 0 && this.isStale(0)) this.removeTop();
  }

  private ensureHandle(handle: number): void {
    if (handle < this.liveDue.length) return;
    let length = this.liveDue.length;
    while (length <= handle) length *= 2;
    const due = new Float64Array(length).fill(Number.NaN);
    due.set(this.liveDue);
    const generations = new Uint32Array(length);
    generations.set(this.liveGeneration);
    this.liveDue = due;
    this.liveGeneration = generations;
  }

  private push(dueMs: number, handle: number, generation: number): void {
    if (this.size === this.dueAt.length) this.grow();
    this.siftUp(this.size, dueMs, handle, generation);
    this.size += 1;
  }

  private grow(): void {
    const capacity = this.dueAt.length * 2;
    const dueAt = new Float64Array(capacity);
    dueAt.set(this.dueAt);
    const handles = new Uint32Array(capacity);
    handles.set(this.handles);
    const generations = new Uint32Array(capacity);
    generations.set(this.generations);
    this.dueAt = dueAt;
    this.handles = handles;
    this.generations = generations;
  }

  private removeTop(): void {
    this.size -= 1;
    if (this.size === 0) return;
    this.siftDown(0, this.size);
  }

  /** Whether (dueA, handleA) comes before (dueB, handleB). */
  private static before(dueA: number, handleA: number, dueB: number, handleB: number): boolean {
    return dueA < dueB || (dueA === dueB && handleA < handleB);
  }

  /** Whether the entry at `index` comes before (dueMs, handle). */
  private entryBefore(index: number, dueMs: number, handle: number): boolean {
    return DeadlineQueue.before(this.dueAt[index] as number, this.handles[index] as number, dueMs, handle);
  }

  /** Copies the entry at `from` to `to`. */
  private moveEntry(from: number, to: number): void {
    this.dueAt[to] = this.dueAt[from] as number;
    this.handles[to] = this.handles[from] as number;
    this.generations[to] = this.generations[from] as number;
  }

  private setEntry(index: number, dueMs: number, handle: number, generation: number): void {
    this.dueAt[index] = dueMs;
    this.handles[index] = handle;
    this.generations[index] = generation;
  }

  private siftUp(start: number, dueMs: number, handle: number, generation: number): void {
    let index = start;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!DeadlineQueue.before(dueMs, handle, this.dueAt[parent] as number, this.handles[parent] as number))
        break;
      this.moveEntry(parent, index);
      index = parent;
    }
    this.setEntry(index, dueMs, handle, generation);
  }

  /** Sifts the entry now at `from` down the heap, from `start`. */
  private siftDown(start: number, from: number): void {
    const dueMs = this.dueAt[from] as number;
    const handle = this.handles[from] as number;
    const generation = this.generations[from] as number;
    const size = this.size;
    let index = start;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size && this.entryBefore(right, this.dueAt[child] as number, this.handles[child] as number))
        child = right;
      if (!this.entryBefore(child, dueMs, handle)) break;
      this.moveEntry(child, index);
      index = child;
    }
    this.setEntry(index, dueMs, handle, generation);
  }

  /** Drops stale entries and restores the heap property (Floyd's heapify, O(n)). */
  private compact(): void {
    let kept = 0;
    for (let index = 0; index < this.size; index += 1) {
      if (this.isStale(index)) continue;
      this.moveEntry(index, kept);
      kept += 1;
    }
    this.size = kept;
    for (let index = (kept >> 1) - 1; index >= 0; index -= 1) this.siftDown(index, index);
  }
}
