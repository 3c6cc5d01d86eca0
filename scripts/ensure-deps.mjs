// Runs before `npm test`, `npm run test:e2e` and `npm run demo`: installs the npm dependencies when
// node_modules is missing or older than package-lock.json, so every command works on a fresh clone
// (and offline once npm's cache holds the packages); with --browser, also the browser the
// end-to-end tests drive (./ensure-browser.mjs), or it stops before any test with one line naming
// the command to run. Only Node built-ins here: nothing is installed yet.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { ensureBrowser } from './ensure-browser.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const mtime = (file) => {
  try {
    return statSync(path.join(root, file)).mtimeMs;
  } catch {
    return undefined;
  }
};

if (process.argv.includes('--browser') && !ensureBrowser()) process.exit(1);

const installed = mtime('node_modules/.package-lock.json');
const wanted = mtime('package-lock.json');
if (installed === undefined || (wanted !== undefined && wanted > installed)) {
  process.stderr.write('[setup] installing npm dependencies (npm ci)...\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    process.stderr.write('[setup] npm ci failed\n');
    process.exit(result.status ?? 1);
  }
}
