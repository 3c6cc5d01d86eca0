import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { JsonlFileSink } from './jsonl-file-sink';

describe(JsonlFileSink.name, () => {
  it('writes one value per line to a file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sink-'));
    const file = path.join(dir, 'events.jsonl');
    try {
      const sut = JsonlFileSink.toFile(file);
      await sut.write([
        { key: 'a', value: '{"n":1}' },
        { key: 'b', value: Buffer.from('{"n":2}') },
      ]);
      await sut.write([{ key: 'a', value: 'not json' }]);
      await sut.close();

      expect(readFileSync(file, 'utf8')).toBe('{"n":1}\n{"n":2}\nnot json\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves a stream it was given open', async () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    const sut = JsonlFileSink.toStream(stream);

    await sut.write([{ key: 'a', value: '{}' }]);
    await sut.close();

    expect(Buffer.concat(chunks).toString()).toBe('{}\n');
    expect(stream.writableEnded).toBe(false);
  });
});
