/**
 * The rebuild command (`docs/replay.md` § Rebuild):
 * `npm run rebuild -- [--database-url <url>] [--catalog <dir>] [--watermark <instant>] [--batch <n>]`.
 */
import { configFromEnvironment } from '@app/platform';
import { runRebuild } from './rebuild/rebuild-command';

runRebuild(
  process.argv.slice(2),
  { stdout: process.stdout, stderr: process.stderr, stderrIsTTY: process.stderr.isTTY === true },
  configFromEnvironment(),
).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `rebuild: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
