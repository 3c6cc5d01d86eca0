import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { EventSink, OutgoingMessage } from './event-sink';

const NEWLINE = Buffer.from('\n');

/**
 * Writes one message value per line (JSONL), the input of `npm run replay -- --events`. Keys are
 * not written: every event carries its caseId. Malformed values never contain a line feed.
 */
export class JsonlFileSink implements EventSink {
  private constructor(
    private readonly stream: Writable,
    private readonly ownsStream: boolean,
  ) {}

  static toFile(path: string): JsonlFileSink {
    return new JsonlFileSink(createWriteStream(path, { encoding: 'utf8' }), true);
  }

  /** Writes to a stream the caller keeps (e.g. stdout); `close` only flushes. */
  static toStream(stream: Writable): JsonlFileSink {
    return new JsonlFileSink(stream, false);
  }

  async write(messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const chunks: Buffer[] = [];
    for (const { value } of messages)
      chunks.push(typeof value === 'string' ? Buffer.from(value) : value, NEWLINE);
    if (!this.stream.write(Buffer.concat(chunks))) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    if (!this.ownsStream) return;
    const finished = once(this.stream, 'finish');
    this.stream.end();
    await finished;
  }
}
