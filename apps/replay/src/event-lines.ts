import { closeSync, createReadStream, openSync, readSync } from 'node:fs';

/** One line of an events file: 1-based number, byte offset in the file, raw bytes (no line break). */
export interface EventLine {
  lineNumber: number;
  offset: number;
  bytes: Buffer;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Reads a file line by line as bytes (so invalid UTF-8 is reported per line, not fixed up by a
 * decoder), without loading it whole. `onBytes` reports progress.
 */
export async function* readEventLines(
  path: string,
  onBytes?: (total: number) => void,
): AsyncGenerator<EventLine> {
  let carry: Buffer | undefined;
  let carryOffset = 0;
  let lineNumber = 0;
  let total = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const dataOffset = carry ? carryOffset : total;
    total += chunk.length;
    onBytes?.(total);
    const data: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    for (let end = data.indexOf(NEWLINE, start); end !== -1; end = data.indexOf(NEWLINE, start)) {
      lineNumber += 1;
      yield { lineNumber, offset: dataOffset + start, bytes: trimCarriageReturn(data.subarray(start, end)) };
      start = end + 1;
    }
    carry = start < data.length ? Buffer.from(data.subarray(start)) : undefined;
    carryOffset = dataOffset + start;
  }
  if (carry && carry.length > 0) {
    lineNumber += 1;
    yield { lineNumber, offset: carryOffset, bytes: trimCarriageReturn(carry) };
  }
}

function trimCarriageReturn(line: Buffer): Buffer {
  return line.length > 0 && line[line.length - 1] === CARRIAGE_RETURN
    ? line.subarray(0, line.length - 1)
    : line;
}

/** A line of spaces and tabs only (or nothing) is skipped. */
export function isBlank(line: Buffer): boolean {
  for (const byte of line) if (byte !== 0x20 && byte !== 0x09) return false;
  return true;
}

/**
 * Reads lines back by offset for the second pass. Lines requested in nearly ascending order (a
 * file almost in time order) come from one sliding window, so the file is read about once.
 */
export class LineFetcher {
  private readonly fd: number;
  private window = Buffer.alloc(0);
  private windowStart = 0;
  private windowEnd = 0;

  constructor(
    path: string,
    private readonly windowBytes = 4 << 20,
  ) {
    this.fd = openSync(path, 'r');
  }

  fetch(offset: number, length: number): Buffer {
    if (offset < this.windowStart || offset + length > this.windowEnd) {
      const size = Math.max(this.windowBytes, length);
      if (this.window.length < size) this.window = Buffer.allocUnsafe(size);
      const read = readSync(this.fd, this.window, 0, size, offset);
      this.windowStart = offset;
      this.windowEnd = offset + read;
    }
    return this.window.subarray(offset - this.windowStart, offset - this.windowStart + length);
  }

  close(): void {
    closeSync(this.fd);
  }
}
