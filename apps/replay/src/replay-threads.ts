// Where the offline replay's work runs: in this thread (`InThread`, replay-shard.ts), or in worker
// threads (`replay-worker.ts`) that read the chunks of the file from shared memory. Node's own
// modules only, so that `main.ts` can start the workers before the command loads its modules.
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CatalogData } from '@app/contracts';
import type { RuleCatalog } from '@app/rules';
import type { LineChunk } from './event-lines';
import type { ChunkValidation, ShardEvents, ShardReplay } from './replay-shard';

/** The catalogue the cases are folded with: as loaded (to send to a worker) and indexed. */
export interface ReplayCatalog {
  data: CatalogData;
  index: RuleCatalog;
}

/** One thread of the replay. */
export interface ReplayThread {
  validate(chunk: LineChunk): Promise<ChunkValidation>;
  /** `chunks`: every chunk of the file, by index. */
  replay(
    catalog: ReplayCatalog,
    chunks: readonly LineChunk[],
    events: ShardEvents,
    until: number,
    onProgress?: (replayed: number) => void,
  ): Promise<ShardReplay>;
  close(): Promise<void>;
}

/** A chunk as it crosses to a worker: its shared memory, not a copy. */
export interface SharedChunk {
  index: number;
  buffer: SharedArrayBuffer;
  byteOffset: number;
  byteLength: number;
}

export type WorkerRequest =
  | { id: number; kind: 'validate'; chunk: SharedChunk }
  | {
      id: number;
      kind: 'replay';
      catalog: CatalogData;
      chunks: SharedChunk[];
      events: ShardEvents;
      until: number;
    };

export type WorkerReply =
  | { id: number; kind: 'validated'; result: ChunkValidation }
  | { id: number; kind: 'replayed'; result: ShardReplay }
  | { id: number; kind: 'progress'; replayed: number }
  | { id: number; kind: 'failed'; error: string };

/** The compiled worker next to this file; absent when running from the TypeScript sources. */
export function defaultWorkerScript(): string | null {
  const script = path.join(__dirname, 'replay-worker.js');
  return existsSync(script) ? script : null;
}

/** Files at least this large are validated and replayed by several threads. */
export const PARALLEL_MIN_BYTES = 4 * 1024 * 1024;
const MAX_THREADS = 8;

export interface ThreadChoice {
  /** Threads that validate and replay (default: one per core, at most 8, for a file of 4 MiB or more). */
  threads?: number;
  /** The compiled worker (`replay-worker.js`); null: every thread's work runs in the main thread. */
  workerScript?: string | null;
}

/** How many threads a file gets, and whether they are workers. */
export function threadsFor(
  events: string | undefined,
  choice: ThreadChoice,
): { count: number; script: string | null } {
  let size = 0;
  try {
    if (events !== undefined) size = statSync(events).size;
  } catch {
    // the command reports an unreadable file once its catalogue is loaded
  }
  const script = choice.workerScript === undefined ? defaultWorkerScript() : choice.workerScript;
  const count = Math.max(
    1,
    choice.threads ?? (size >= PARALLEL_MIN_BYTES ? Math.min(availableParallelism(), MAX_THREADS) : 1),
  );
  return { count, script: count > 1 ? script : null };
}

/** The worker threads for an events file, started now (none when it is replayed in the main thread). */
export function startWorkers(events: string | undefined, choice: ThreadChoice = {}): InWorker[] {
  const { count, script } = threadsFor(events, choice);
  return script === null ? [] : Array.from({ length: count }, () => new InWorker(script));
}

function sharedChunk(chunk: LineChunk): SharedChunk {
  const { buffer, byteOffset, byteLength } = chunk.bytes;
  if (!(buffer instanceof SharedArrayBuffer)) throw new Error('a worker reads shared chunks only');
  return { index: chunk.index, buffer, byteOffset, byteLength };
}

interface Pending {
  resolve: (reply: WorkerReply) => void;
  reject: (error: Error) => void;
  onProgress?: (replayed: number) => void;
}

/** The work done in a worker thread; requests are answered in order. */
export class InWorker implements ReplayThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | undefined;
  private closing = false;

  constructor(script: string) {
    this.worker = new Worker(script);
    this.worker.on('message', (reply: WorkerReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      if (reply.kind === 'progress') {
        waiting.onProgress?.(reply.replayed);
        return;
      }
      this.pending.delete(reply.id);
      if (reply.kind === 'failed') waiting.reject(new Error(reply.error));
      else waiting.resolve(reply);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (!this.closing) this.fail(new Error(`a replay worker stopped (exit code ${code})`));
    });
  }

  async validate(chunk: LineChunk): Promise<ChunkValidation> {
    const reply = await this.request({ id: this.nextId++, kind: 'validate', chunk: sharedChunk(chunk) });
    return (reply as Extract<WorkerReply, { kind: 'validated' }>).result;
  }

  async replay(
    catalog: ReplayCatalog,
    chunks: readonly LineChunk[],
    events: ShardEvents,
    until: number,
    onProgress?: (replayed: number) => void,
  ): Promise<ShardReplay> {
    const request: WorkerRequest = {
      id: this.nextId++,
      kind: 'replay',
      catalog: catalog.data,
      chunks: chunks.map(sharedChunk),
      events,
      until,
    };
    const transfer = [events.chunk.buffer, events.offset.buffer, events.length.buffer, events.instant.buffer];
    const reply = await this.request(request, transfer as ArrayBuffer[], onProgress);
    return (reply as Extract<WorkerReply, { kind: 'replayed' }>).result;
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await this.worker.terminate();
  }

  private request(
    request: WorkerRequest,
    transfer: ArrayBuffer[] = [],
    onProgress?: (replayed: number) => void,
  ): Promise<WorkerReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject, onProgress });
      this.worker.postMessage(request, transfer);
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
