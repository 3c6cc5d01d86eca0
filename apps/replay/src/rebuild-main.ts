/**
 * The rebuild command (`docs/replay.md` § Rebuild):
 * `npm run rebuild -- [--database-url <url>] [--catalog <dir>] [--watermark <instant>] [--batch <n>]`.
 */
import { configFromEnvironment } from '@app/platform';
import { exitWith, processIo } from './command-io';
import { runRebuild } from './rebuild/rebuild-command';

void exitWith('rebuild', runRebuild(process.argv.slice(2), processIo(), configFromEnvironment()));
