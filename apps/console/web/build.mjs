// Builds the alarm wall page (Vite) into apps/console/web/dist, which the console serves.
// Only when a source is newer than the build, so `npm run build`, `npm run demo` and the tests can
// call it every time. The build goes to a directory of its own and is then swapped in, so a
// console serving the page never reads a half-written one.
//
//   node apps/console/web/build.mjs           build when stale
//   node apps/console/web/build.mjs --force   build anyway
//   node apps/console/web/build.mjs --dev     Vite dev server on :5173, API and socket proxied to
//                                             the console (CONSOLE_URL, default http://127.0.0.1:3100)
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestMtime } from '../../../scripts/newest-mtime.mjs';

const webRoot = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(webRoot, '../../..');
const outDir = path.join(webRoot, 'dist');
/** What the page is built from besides its own directory (the contract's files it imports, type only). */
const extraInputs = [
  path.join(repoRoot, 'libs/contracts/src/wall-protocol.ts'),
  path.join(repoRoot, 'libs/contracts/src/evaluation-views.ts'),
  path.join(repoRoot, 'libs/contracts/src/admin-views.ts'),
  path.join(repoRoot, 'libs/contracts/src/alerts.ts'),
  path.join(repoRoot, 'package-lock.json'),
];

async function isFresh() {
  let built;
  try {
    built = (await stat(path.join(outDir, 'index.html'))).mtimeMs;
  } catch {
    return false;
  }
  let newest = await newestMtime(webRoot);
  for (const input of extraInputs) {
    newest = Math.max(
      newest,
      await stat(input).then(
        (s) => s.mtimeMs,
        () => 0,
      ),
    );
  }
  return built >= newest;
}

function viteConfig(target) {
  const console = process.env.CONSOLE_URL ?? 'http://127.0.0.1:3100';
  return {
    root: webRoot,
    configFile: false,
    envDir: false,
    logLevel: 'warn',
    clearScreen: false,
    base: '/',
    build: { outDir: target, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1500 },
    server: {
      port: 5173,
      proxy: { '/api': console, '/socket.io': { target: console, ws: true } },
    },
  };
}

/** Builds the page when stale (or `force`); resolves to whether it built. */
export async function buildWallPage({ force = false } = {}) {
  if (!force && (await isFresh())) return false;
  const { build } = await import('vite');
  // beside node_modules (ignored by git, same file system as dist/ so the swap is a rename)
  const scratch = path.join(repoRoot, 'node_modules/.cache/wall-page');
  const staging = path.join(scratch, `build-${process.pid}`);
  const started = Date.now();
  await mkdir(scratch, { recursive: true });
  // Vite sets process.env.NODE_ENV=production in the process that builds; the demo builds and then
  // starts its apps from this same process, which must keep their own environment.
  const nodeEnv = process.env.NODE_ENV;
  try {
    await build(viteConfig(staging));
    const retired = path.join(scratch, `old-${process.pid}`);
    await rename(outDir, retired).catch(() => undefined);
    await rename(staging, outDir);
    await rm(retired, { recursive: true, force: true });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
    await rm(staging, { recursive: true, force: true });
  }
  process.stderr.write(`build: wall page built to apps/console/web/dist in ${Date.now() - started} ms\n`);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--dev')) {
    const { createServer } = await import('vite');
    const server = await createServer(viteConfig(outDir));
    await server.listen();
    server.printUrls();
  } else {
    const built = await buildWallPage({ force: process.argv.includes('--force') });
    if (!built) process.stderr.write('build: wall page is up to date\n');
  }
}
