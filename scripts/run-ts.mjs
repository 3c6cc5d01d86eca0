// Runs a TypeScript entry point of the project: compiles what changed (swc, ~1 s), then runs the
// compiled file in this process, so signals and exit codes behave like a plain `node` command.
import path from 'node:path';
import { createRequire } from 'node:module';
import { build } from './build.mjs';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node scripts/run-ts.mjs <file.ts> [args...]\n');
  process.exit(2);
}
await build();
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const compiled = path.join(root, 'dist', path.relative(root, path.resolve(entry))).replace(/\.ts$/, '.js');
process.argv = [process.argv[0], compiled, ...args];
createRequire(import.meta.url)(compiled);
