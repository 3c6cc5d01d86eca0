// The worker side of the report channel: JSON lines on file descriptor 3 (opened by BenchChild).
import { fstatSync, writeSync } from 'node:fs';

let channel: number | null | undefined;

function fd(): number | null {
  if (channel === undefined) {
    try {
      fstatSync(3);
      channel = 3;
    } catch {
      channel = null;
    }
  }
  return channel;
}

export function report(kind: string, fields: Record<string, unknown> = {}): void {
  const line = `${JSON.stringify({ kind, ...fields })}\n`;
  const target = fd();
  if (target === null) process.stderr.write(`[report] ${line}`);
  else writeSync(target, line);
}

/** Epoch milliseconds with sub-millisecond resolution, comparable across processes. */
export const nowMs = (): number => performance.timeOrigin + performance.now();
