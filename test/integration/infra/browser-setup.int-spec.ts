// The set-up step of `npm test` and `npm run test:e2e` (scripts/ensure-deps.mjs --browser) when the
// browser (or the CJK fonts, or poppler-utils) is missing and cannot be installed: it stops at once, before any test, with one line that
// names the exact command to run. Runs the real script in a child process with a PATH that has no
// apt-get, and as a user who is not root.
import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../../deploy/local';

const script = path.join(repoRoot(), 'scripts/ensure-deps.mjs');
const INSTALL =
  'run: sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium fonts-noto-cjk poppler-utils';
const scratch = mkdtempSync(path.join(os.tmpdir(), 'jiancha-browser-setup-'));
// a PATH that holds node and nothing else: no apt-get, no fc-list, no pdftotext
symlinkSync(process.execPath, path.join(scratch, 'node'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function setUp(env: Record<string, string>, asUser?: string): SpawnSyncReturns<string> {
  const command = asUser ? 'runuser' : process.execPath;
  const args = asUser ? ['-u', asUser, '--', process.execPath, script, '--browser'] : [script, '--browser'];
  return spawnSync(command, args, { env, encoding: 'utf8', timeout: 60_000 });
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

describe('scripts/ensure-deps.mjs --browser', () => {
  it('stops with one line naming the install command when apt-get is not on PATH', () => {
    const result = setUp({ PATH: scratch, CHROMIUM_PATH: '/nonexistent/chromium', HOME: scratch });

    expect(result.status).toBe(1);
    expect(lines(result.stderr)).toEqual([
      `[setup] the browser tests need Chromium (/nonexistent/chromium) and the Noto CJK fonts and pdftotext (poppler-utils), which cannot be installed here (apt-get is not on PATH); ${INSTALL}`,
    ]);
    expect(result.stdout).toBe('');
  });

  it('stops with one line when it is not run as root', () => {
    // as root (CI), as the unprivileged user nobody; otherwise as the user running the tests
    const asUser = process.getuid?.() === 0 ? 'nobody' : undefined;
    const result = setUp({ PATH: process.env.PATH ?? '', CHROMIUM_PATH: '/nonexistent/chromium' }, asUser);

    expect(result.status).toBe(1);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(lines(result.stderr)[0]).toMatch(
      /^\[setup\] the browser tests need Chromium \(\/nonexistent\/chromium\).*cannot be installed here \(not running as root\); run: sudo apt-get update/,
    );
  });
});
