// What the replay app's commands (`replay`, `rebuild`) share: where they write, their exit codes,
// and how their `main` ends the process. Type imports only, so that `main.ts` can load it before
// it starts the replay's workers.
import type { Writable } from 'node:stream';

/** Where a command writes; the real process streams, or buffers in tests. */
export interface CommandIo {
  stdout: Writable;
  stderr: Writable;
  /** Whether stderr is a terminal (the progress bar shows only then). */
  stderrIsTTY: boolean;
}

/** Exit codes of `docs/replay-command.md`. */
export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 2;

/** This process's streams. */
export function processIo(): CommandIo {
  return { stdout: process.stdout, stderr: process.stderr, stderrIsTTY: process.stderr.isTTY === true };
}

/** Sets the process's exit code from a command's run: its code, or 1 with the error on stderr. */
export function exitWith(command: string, run: Promise<number>): Promise<void> {
  return run.then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `${command}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
