// Compiles the TypeScript sources to dist/ with swc (type checking is `npm run typecheck`).
// Only files newer than their output are compiled again, so a second start is instant.
import { createRequire } from 'node:module';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildWallPage } from '../apps/console/web/build.mjs';
import { bundleReplayCommand } from './bundle-replay.mjs';

const require = createRequire(import.meta.url);
const swc = require('@swc/core');
const { root, options } = require('./swc-options.cjs');
const { generate } = require('./generate-registries.cjs');
const sourceDirs = ['apps', 'libs', 'deploy', 'bench', 'test/support'];
const outDir = path.join(root, 'dist');

async function* typescriptFiles(dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name === 'web') continue;
      yield* typescriptFiles(full);
    } else if (
      entry.name.endsWith('.ts') &&
      !entry.name.endsWith('.spec.ts') &&
      !entry.name.endsWith('.d.ts')
    ) {
      yield full;
    }
  }
}

async function isFresh(source, target) {
  try {
    return (await stat(target)).mtimeMs >= (await stat(source)).mtimeMs;
  } catch {
    return false;
  }
}

export async function build() {
  generate();
  let compiled = 0;
  for (const dir of sourceDirs) {
    for await (const source of typescriptFiles(path.join(root, dir))) {
      const target = path.join(outDir, path.relative(root, source)).replace(/\.ts$/, '.js');
      if (await isFresh(source, target)) continue;
      const output = await swc.transformFile(source, {
        ...options,
        filename: source,
        swcrc: false,
        configFile: false,
      });
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, output.code);
      compiled += 1;
    }
  }
  // the offline replay command as it is run (dist/replay/main.js), when its modules changed
  await bundleReplayCommand(root);
  // the alarm wall page the console serves (Vite), when one of its sources changed
  await buildWallPage();
  return compiled;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const compiled = await build();
  process.stderr.write(`build: ${compiled} file(s) compiled to dist/\n`);
}
