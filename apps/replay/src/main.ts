/**
 * The offline replay command (`docs/replay-command.md`):
 * `npm run -s replay -- --events <file.jsonl> --catalog <dir> [--until <instant>] [--out <file.jsonl>]`.
 */
import { setFlagsFromString } from 'node:v8';
import { exitWith, processIo } from './command-io';
import { startWorkers } from './replay-threads';

// A replay's threads each run ~150,000 events through code that V8 has not seen yet, and a good part
// of their time went to warming it up: with the feedback V8 optimizes on collected from a
// function's first call rather than after a warm-up budget, a 300,000-event run takes ~0.13 s less
// (docs/replay-command.md § Speed). A tuning flag, not a semantic one; set before a worker starts.
setFlagsFromString('--no-lazy-feedback-allocation');

const argv = process.argv.slice(2);

/** The `--events` file as given (`--events F` or `--events=F`); the command checks it properly. */
function eventsArgument(args: readonly string[]): string | undefined {
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] as string;
    if (arg === '--events') return args[index + 1];
    if (arg.startsWith('--events=')) return arg.slice('--events='.length);
  }
  return undefined;
}

// a large file's worker threads load their modules while this thread loads the command's
const workers = startWorkers(eventsArgument(argv));

void exitWith(
  'replay',
  import('./replay-command').then(({ runReplay }) => runReplay(argv, processIo(), { workers })),
)
  // runReplay closes them; this is for a command that could not even load
  .finally(() => Promise.all(workers.map((worker) => worker.close())));
