/**
 * The offline replay command (`docs/replay-command.md`):
 * `npm run -s replay -- --events <file.jsonl> --catalog <dir> [--until <instant>] [--out <file.jsonl>]`.
 */
import { runReplay } from './replay-command';

runReplay(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stderrIsTTY: process.stderr.isTTY === true,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `replay: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
