// Bundles the offline replay command into dist/replay/: main.js and replay-worker.js, one file each,
// from the TypeScript sources, with the libraries they use (rolldown, the bundler Vite runs on). A
// large replay starts three threads that each load their modules before any event is read: one
// file instead of ~200, and a worker without the catalogue's schemas (zod), take ~0.3 s off a 3.5 s
// run (docs/replay-command.md § Speed). Rebuilt only when a source is newer than the bundle.
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'rolldown';
import { newestMtime } from './newest-mtime.mjs';

const entries = ['main', 'replay-worker'];

async function builtAt(outDir) {
  try {
    const times = await Promise.all(
      entries.map(async (entry) => (await stat(path.join(outDir, `${entry}.js`))).mtimeMs),
    );
    return Math.min(...times);
  } catch {
    return -Infinity;
  }
}

/** Bundles the replay command when its sources changed since; returns whether it did. */
export async function bundleReplayCommand(root) {
  const outDir = path.join(root, 'dist/replay');
  const inputs = Math.max(
    await newestMtime(path.join(root, 'apps/replay/src')),
    await newestMtime(path.join(root, 'libs')),
    (await stat(path.join(root, 'tsconfig.json'))).mtimeMs,
    (await stat(path.join(root, 'package-lock.json'))).mtimeMs,
  );
  if ((await builtAt(outDir)) >= inputs) return false;
  // built beside, then each file renamed into place: a test or a run that starts the command while
  // another process bundles it never reads a half-written file
  const scratch = `${outDir}.${process.pid}`;
  const libs = path.join(root, 'libs') + path.sep;
  try {
    for (const entry of entries) {
      await build({
        input: path.join(root, 'apps/replay/src', `${entry}.ts`),
        platform: 'node',
        tsconfig: path.join(root, 'tsconfig.json'),
        // the libraries' modules only declare things (none is imported for what loading it does), so
        // one whose exports go unused is left out: the worker never loads the catalogue's schemas
        treeshake: { moduleSideEffects: (id) => !id.startsWith(libs) },
        // the worker is started by path from main.js (`replay-threads.ts`): both land side by side
        output: { file: path.join(scratch, `${entry}.js`), format: 'cjs', codeSplitting: false },
        logLevel: 'warn',
      });
    }
    await mkdir(outDir, { recursive: true });
    for (const entry of entries)
      await rename(path.join(scratch, `${entry}.js`), path.join(outDir, `${entry}.js`));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return true;
}
