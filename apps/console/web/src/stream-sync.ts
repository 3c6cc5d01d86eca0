// Keeps the stream in step with the server: the socket, the snapshot on the first connection or a
// filter change, the live changes, and the catch-up (`resume`) of what was missed. Each change is
// applied once, by its sequence, whether it came live or caught up.
import type { WallChange, WallSnapshot } from '../../../../libs/contracts/src/wall-protocol';
import type { Api } from './api';
import { ChangeCursor } from './change-cursor';
import type { ConnectionStatus } from './connection-status';
import { LiveFeed } from './live-feed';
import type { Arrival, SignalStream } from './signal-stream';
import type { WallFilters } from './wall-filters';

export interface SyncHooks {
  /** A change reached the stream. */
  applied(change: WallChange): void;
  /** The stream is in step after a (re)connection. */
  inStep(): void;
  /** The server refused the token: log in again. */
  unauthorized(): void;
}

export class StreamSync {
  private readonly feed: LiveFeed;
  private readonly cursor = new ChangeCursor();
  /** Changes that arrived while the snapshot was loading, applied after it. */
  private pending: WallChange[] | null = null;
  private loading: Promise<void> = Promise.resolve();

  constructor(
    token: string,
    private readonly api: Api,
    private readonly stream: SignalStream,
    private readonly filters: WallFilters,
    private readonly status: ConnectionStatus,
    private readonly hooks: SyncHooks,
  ) {
    this.feed = new LiveFeed(token, {
      status: (status) => this.status.set(status),
      connected: (again) => void this.connected(again),
      change: (change) => this.receive(change, 'live'),
      unauthorized: () => this.hooks.unauthorized(),
    });
  }

  /** Connects; live changes wait until the first snapshot is in. */
  start(): void {
    this.pending = [];
    this.feed.start();
  }

  stop(): void {
    this.feed.stop();
  }

  /** A new snapshot (first connection or a filter change), then what changed since it settled. */
  reload(): Promise<void> {
    this.pending ??= [];
    this.loading = (async () => {
      try {
        const snapshot = await this.api.get<WallSnapshot>(
          `/api/wall/signals?${this.filters.query({ limit: '200' })}`,
        );
        this.cursor.start(snapshot.sequence);
        this.stream.load(snapshot);
        await this.catchUp('snapshot');
      } catch (error) {
        console.warn('wall: could not load the stream', error);
      } finally {
        const pending = this.pending ?? [];
        this.pending = null;
        for (const change of pending) this.receive(change, 'live');
        this.stream.showEmpty();
      }
    })();
    return this.loading;
  }

  private async connected(again: boolean): Promise<void> {
    if (!again) {
      await this.reload();
      this.hooks.inStep();
      return;
    }
    await this.loading;
    await this.catchUp('reconnect');
    this.hooks.inStep();
  }

  /** Asks the server for what this page missed, page by page, and applies it once. */
  private async catchUp(reason: 'snapshot' | 'reconnect'): Promise<void> {
    this.status.setCatchingUp(reason === 'reconnect');
    try {
      let after = this.cursor.settled;
      for (;;) {
        const answer = await this.feed.resume(this.cursor.resumeRequest(after));
        if (!answer.ok) {
          if (answer.error.startsWith('unauthorized')) this.hooks.unauthorized();
          else console.warn(`wall: resume refused: ${answer.error}`);
          return;
        }
        for (const change of answer.changes)
          this.receive(change, reason === 'snapshot' ? 'settling' : 'missed');
        const last = answer.changes.at(-1);
        if (!answer.more || !last) return;
        after = last.sequence;
      }
    } finally {
      this.status.setCatchingUp(false);
    }
  }

  /** One change, live or caught up: applied once (by sequence), never over a newer state. */
  private receive(change: WallChange, how: Arrival): void {
    if (this.pending && how === 'live') {
      this.pending.push(change);
      return;
    }
    if (typeof change.sequence !== 'number' || !this.cursor.accept(change.sequence)) return;
    if (this.stream.apply(change, this.filters.current, how)) this.hooks.applied(change);
  }
}
