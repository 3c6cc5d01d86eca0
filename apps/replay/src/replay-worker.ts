// A worker thread of the offline replay (`replay-threads.ts`): validates the chunks it is sent, then
// replays its share of the cases. The chunks are the main thread's memory, shared, never copied.
import { parentPort } from 'node:worker_threads';
import { buildCatalogIndex } from '@app/catalog';
import { replayShard, validateChunk } from './replay-shard';
import type { SharedChunk, WorkerReply, WorkerRequest } from './replay-threads';

const port = parentPort;
if (!port) throw new Error('replay-worker runs as a worker thread of the replay command');

const bytesOf = (chunk: SharedChunk) => Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);

port.on('message', (request: WorkerRequest) => {
  try {
    if (request.kind === 'validate') {
      const result = validateChunk(request.chunk.index, bytesOf(request.chunk));
      const { events } = result;
      const reply: WorkerReply = { id: request.id, kind: 'validated', result };
      port.postMessage(reply, [
        events.offset.buffer,
        events.length.buffer,
        events.instant.buffer,
        events.idHash.buffer,
        events.caseKey.buffer,
        events.linkKey.buffer,
      ] as ArrayBuffer[]);
      return;
    }
    const catalog = buildCatalogIndex(request.catalog);
    const chunks: Buffer[] = [];
    for (const chunk of request.chunks) chunks[chunk.index] = bytesOf(chunk);
    const result = replayShard(catalog, chunks, request.events, request.until, (replayed) => {
      const progress: WorkerReply = { id: request.id, kind: 'progress', replayed };
      port.postMessage(progress);
    });
    const reply: WorkerReply = { id: request.id, kind: 'replayed', result };
    port.postMessage(reply);
  } catch (error) {
    const reply: WorkerReply = {
      id: request.id,
      kind: 'failed',
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
    port.postMessage(reply);
  }
});
