// The replay command run in this process for tests: its output and its messages collected as text.
import { Writable } from 'node:stream';
import { runReplay, type ReplayTuning } from '../replay-command';

class Collector extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Runs `replay <argv>` (not a terminal) and answers its exit code, stdout and stderr. */
export async function replayInMemory(
  argv: readonly string[],
  tuning: ReplayTuning = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Collector();
  const stderr = new Collector();
  const code = await runReplay(argv, { stdout, stderr, stderrIsTTY: false }, tuning);
  return { code, stdout: stdout.text, stderr: stderr.text };
}
