// The limit of the offline replay: read the same events file (1 MiB chunks), split it into lines
// and JSON.parse every line; no validation, no engine, no output.
import { createReadStream } from 'node:fs';
import { report } from './report';

async function main(): Promise<void> {
  const file = process.argv[2] as string;
  let carry = '';
  let lines = 0;
  let keys = 0;
  for await (const chunk of createReadStream(file, {
    encoding: 'utf8',
    highWaterMark: 1 << 20,
  }) as AsyncIterable<string>) {
    const text = carry + chunk;
    let start = 0;
    for (let end = text.indexOf('\n', start); end !== -1; end = text.indexOf('\n', start)) {
      if (end > start) {
        const value = JSON.parse(text.slice(start, end)) as Record<string, unknown>;
        keys += value.eventId === undefined ? 0 : 1;
        lines += 1;
      }
      start = end + 1;
    }
    carry = text.slice(start);
  }
  if (carry.trim() !== '') {
    JSON.parse(carry);
    lines += 1;
  }
  report('parsed', { lines, keys });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `parse-lines: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
