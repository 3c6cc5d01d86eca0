import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { readLineChunks, type LineChunk } from './event-lines';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'event-lines-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function chunksOf(content: Buffer, chunkBytes: number, shared = false): Promise<LineChunk[]> {
  const file = path.join(dir, 'events.jsonl');
  writeFileSync(file, content);
  const chunks: LineChunk[] = [];
  await readLineChunks(file, { chunkBytes, shared }, (chunk) => chunks.push(chunk));
  return chunks;
}

describe('readLineChunks', () => {
  it('hands over the whole file in order, in chunks of whole lines, larger than asked only behind a longer line', async () => {
    const line = fc.stringMatching(/^[a-z{}":,中文\r ]{0,40}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 60 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 120 }),
        async (lines, trailingBreak, chunkBytes) => {
          const content = Buffer.from(lines.join('\n') + (trailingBreak && lines.length > 0 ? '\n' : ''));
          const chunks = await chunksOf(content, chunkBytes);
          expect(chunks.map((chunk) => chunk.index)).toEqual(chunks.map((_, index) => index));
          expect(Buffer.concat(chunks.map((chunk) => chunk.bytes))).toEqual(content);
          for (const [position, { bytes }] of chunks.entries()) {
            expect(bytes.length).toBeGreaterThan(0);
            const last = position === chunks.length - 1;
            if (!last) expect(bytes[bytes.length - 1]).toBe(0x0a);
            // a chunk larger than asked starts with a line longer than a chunk
            if (bytes.length > chunkBytes) {
              const firstBreak = bytes.indexOf(0x0a);
              expect(firstBreak === -1 || firstBreak >= chunkBytes).toBe(true);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads an empty file as no chunk', async () => {
    expect(await chunksOf(Buffer.alloc(0), 16)).toEqual([]);
  });

  it('gives worker threads views of one shared buffer, copying nothing', async () => {
    const content = Buffer.from('{"a":1}\n{"b":2}\n{"c":3}\n');
    const chunks = await chunksOf(content, 8, true);
    expect(chunks.map((chunk) => chunk.bytes.toString())).toEqual(['{"a":1}\n', '{"b":2}\n', '{"c":3}\n']);
    const buffers = new Set(chunks.map((chunk) => chunk.bytes.buffer));
    expect(buffers.size).toBe(1);
    expect([...buffers][0]).toBeInstanceOf(SharedArrayBuffer);
  });
});
