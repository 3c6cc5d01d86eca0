import type { WallChange } from '@app/contracts';
import { framesFor } from './wall-frames';

/** What the sender needs of socket.io: a room's socket ids, and a frame sent to some sockets. */
export interface WallSockets {
  members(room: string): ReadonlySet<string> | undefined;
  send(socketIds: string[], changes: WallChange[]): void;
}

export interface WallSenderOptions {
  /** The least time between two flushes (ms): changes arriving meanwhile share the next frames. */
  minIntervalMs?: number;
  /** The most sockets written in one turn of the event loop; the rest wait for the next turn. */
  socketsPerTurn?: number;
  now?: () => number;
  later?: (run: () => void, delayMs: number) => void;
}

/** Writes to 100 sockets take 2–5 ms here: the event loop is never held longer than that. */
export const SOCKETS_PER_TURN = 100;
/**
 * At most 20 flushes a second, so a busy wall costs each socket at most 20 writes a second, however
 * many changes and Kafka batches come (docs/wall.md § paces); a quiet wall's change goes at once.
 */
export const MIN_FLUSH_INTERVAL_MS = 50;

/**
 * Paces the wall's live frames. Changes are held until the next flush: at once when the last one
 * was `minIntervalMs` ago or more (a quiet wall adds no delay), else at that instant, so a busy
 * wall sends fewer, fuller frames. A flush makes one frame per room (`framesFor`), takes the room's
 * sockets as they are then, and writes to them `socketsPerTurn` at a time, one turn of the event
 * loop each, so that thousands of sockets never hold the loop (each write is a system call). While
 * a flush's frames are still being written, new changes wait for the last socket's write and then
 * go out together: when the writes cannot keep up, frames grow fuller instead of piling up, one
 * per socket per change batch. Every socket gets its frames in the order the changes came.
 */
export class WallSender {
  private pending: WallChange[] = [];
  private flushAt: number | undefined;
  private lastFlush = Number.NEGATIVE_INFINITY;
  private readonly queue: { socketIds: string[]; changes: WallChange[] }[] = [];
  private writing = false;
  private readonly minIntervalMs: number;
  private readonly socketsPerTurn: number;
  private readonly now: () => number;
  private readonly later: (run: () => void, delayMs: number) => void;

  constructor(
    private readonly sockets: WallSockets,
    options: WallSenderOptions = {},
  ) {
    this.minIntervalMs = options.minIntervalMs ?? MIN_FLUSH_INTERVAL_MS;
    this.socketsPerTurn = options.socketsPerTurn ?? SOCKETS_PER_TURN;
    this.now = options.now ?? (() => performance.now());
    this.later =
      options.later ??
      ((run, delayMs) => (delayMs <= 0 ? setImmediate(run) : setTimeout(run, delayMs).unref()));
  }

  /** Changes waiting for their flush, and frames waiting for their sockets (for tests and metrics). */
  get backlog(): { changes: number; writes: number } {
    return { changes: this.pending.length, writes: this.queue.reduce((n, w) => n + w.socketIds.length, 0) };
  }

  publish(changes: readonly WallChange[]): void {
    for (const change of changes) this.pending.push(change);
    this.schedule();
  }

  /** Sets the next flush, unless one is set, nothing waits, or frames are still being written. */
  private schedule(): void {
    if (this.flushAt !== undefined || this.pending.length === 0 || this.queue.length > 0) return;
    const now = this.now();
    this.flushAt = Math.max(now, this.lastFlush + this.minIntervalMs);
    this.later(() => this.flush(), this.flushAt - now);
  }

  private flush(): void {
    this.flushAt = undefined;
    this.lastFlush = this.now();
    const changes = this.pending;
    this.pending = [];
    for (const frame of framesFor(changes)) {
      const members = this.sockets.members(frame.room);
      if (!members || members.size === 0) continue;
      const except = frame.except === undefined ? undefined : this.sockets.members(frame.except);
      const socketIds: string[] = [];
      for (const id of members) if (!except?.has(id)) socketIds.push(id);
      if (socketIds.length > 0) this.queue.push({ socketIds, changes: frame.changes });
    }
    this.write();
  }

  /** Up to `socketsPerTurn` socket writes per turn of the event loop, until the queue is empty. */
  private write(): void {
    if (this.writing) return;
    if (this.queue.length === 0) {
      this.schedule();
      return;
    }
    let budget = this.socketsPerTurn;
    for (let next = this.queue[0]; budget > 0 && next; next = this.queue[0]) {
      const socketIds = next.socketIds.length <= budget ? next.socketIds : next.socketIds.slice(0, budget);
      if (socketIds === next.socketIds) this.queue.shift();
      else next.socketIds = next.socketIds.slice(budget);
      this.sockets.send(socketIds, next.changes);
      budget -= socketIds.length;
    }
    this.writing = true;
    this.later(() => {
      this.writing = false;
      this.write();
    }, 0);
  }
}
