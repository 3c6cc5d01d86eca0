import { once } from 'node:events';

/** What the replay routes use of an Express response (the project carries no Express types). */
export interface StreamingResponse {
  status(code: number): StreamingResponse;
  setHeader(name: string, value: string): void;
  flushHeaders(): void;
  write(chunk: string): boolean;
  end(chunk?: string): void;
  json(body: unknown): void;
  on(event: 'close', listener: () => void): void;
  once(event: string, listener: (...args: unknown[]) => void): void;
  readonly writableEnded: boolean;
  readonly destroyed: boolean;
}

/** Writes a chunk, waiting for the socket to drain when its buffer is full. */
export async function writeChunk(response: StreamingResponse, chunk: string): Promise<void> {
  if (response.destroyed) throw new Error('the client went away');
  if (!response.write(chunk)) await once(response as unknown as NodeJS.EventEmitter, 'drain');
}

/** One server-sent event (`text/event-stream`). */
export function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function startEventStream(response: StreamingResponse, status = 200): void {
  response.status(status);
  response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  response.setHeader('Cache-Control', 'no-cache, no-transform');
  response.setHeader('Connection', 'keep-alive');
  // nginx: do not buffer the stream
  response.setHeader('X-Accel-Buffering', 'no');
  response.flushHeaders();
}
