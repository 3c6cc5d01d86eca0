import { open } from 'node:fs/promises';

/**
 * Whole lines of an events file, in file order: the file is read once, in chunks that end after a
 * line break (the last one may end without). Lines are counted from the start of their chunk.
 */
export interface LineChunk {
  /** Position of the chunk in the file (0, 1, …). */
  index: number;
  /** The chunk's bytes; backed by a SharedArrayBuffer when other threads read it too. */
  bytes: Buffer;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

export interface ChunkReading {
  /** Bytes a chunk holds at least (a longer line gets a chunk of its own size). */
  chunkBytes: number;
  /** Whether chunks live in SharedArrayBuffers, to be read by worker threads without a copy. */
  shared: boolean;
}

/**
 * Reads a file once, as bytes (so invalid UTF-8 is reported per line, not fixed up by a decoder),
 * into one buffer of the size it has when opened, and hands it over in chunks of whole lines:
 * views of that buffer, nothing copied, reused or overwritten (docs/replay-command.md § Speed).
 */
export async function readLineChunks(
  path: string,
  reading: ChunkReading,
  onChunk: (chunk: LineChunk) => void,
): Promise<void> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const bytes = reading.shared ? Buffer.from(new SharedArrayBuffer(size)) : Buffer.allocUnsafe(size);
    let filled = 0;
    let start = 0;
    let index = 0;
    while (filled < size) {
      // up to a chunk's end, or a chunk more when a line runs past it
      const wanted =
        filled - start < reading.chunkBytes ? start + reading.chunkBytes - filled : reading.chunkBytes;
      const { bytesRead } = await file.read(bytes, filled, Math.min(wanted, size - filled), null);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled - start < reading.chunkBytes) continue;
      const lastBreak = bytes.subarray(start, filled).lastIndexOf(NEWLINE);
      // none: a line longer than a chunk, read on
      if (lastBreak === -1) continue;
      const cut = start + lastBreak + 1;
      onChunk({ index: index++, bytes: bytes.subarray(start, cut) });
      start = cut;
    }
    if (filled > start) onChunk({ index, bytes: bytes.subarray(start, filled) });
  } finally {
    await file.close();
  }
}

/**
 * Calls `visit` for every line of a chunk with its 1-based number in the chunk and its bytes'
 * range without the line break (LF or CRLF). Returns the number of lines.
 */
export function forEachLine(
  bytes: Buffer,
  visit: (lineNumber: number, start: number, end: number) => void,
): number {
  let lineNumber = 0;
  let start = 0;
  while (start < bytes.length) {
    const newline = bytes.indexOf(NEWLINE, start);
    const end = newline === -1 ? bytes.length : newline;
    lineNumber += 1;
    visit(lineNumber, start, end > start && bytes[end - 1] === CARRIAGE_RETURN ? end - 1 : end);
    start = end + 1;
  }
  return lineNumber;
}

/** A line of spaces and tabs only (or nothing) is skipped. */
export function isBlank(bytes: Buffer, start: number, end: number): boolean {
  for (let index = start; index < end; index += 1) {
    const byte = bytes[index];
    if (byte !== SPACE && byte !== TAB) return false;
  }
  return true;
}
