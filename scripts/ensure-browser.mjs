// The browser the end-to-end tests drive (Debian's chromium, through playwright-core), the CJK
// fonts its screenshots and the printed notices need, and poppler-utils (pdftotext), which the
// notice tests read the PDFs back with: found, installed with apt-get when this user can, or refused
// with one line that names the command to run. Only Node built-ins here: it runs before `npm ci` has.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export const BROWSER_PACKAGES = ['chromium', 'fonts-noto-cjk', 'poppler-utils'];
export const INSTALL_COMMAND = `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${BROWSER_PACKAGES.join(' ')}`;

/** Where the tests look for Chromium: CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export function chromiumPath(env = process.env) {
  return env.CHROMIUM_PATH || '/usr/bin/chromium';
}

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first directory of PATH holding an executable `name`, or null. */
export function onPath(name, env = process.env) {
  for (const directory of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    if (executable(path.join(directory, name))) return path.join(directory, name);
  }
  return null;
}

function hasCjkFonts(env) {
  const fcList = onPath('fc-list', env);
  if (!fcList) return false;
  const listed = spawnSync(fcList, [':', 'family'], { encoding: 'utf8', env });
  return listed.status === 0 && /Noto Sans CJK/i.test(listed.stdout);
}

/** What is missing for the browser tests: [] when nothing. */
export function missingBrowserParts(env = process.env) {
  const missing = [];
  if (!executable(chromiumPath(env))) missing.push(`Chromium (${chromiumPath(env)})`);
  if (!hasCjkFonts(env)) missing.push('the Noto CJK fonts');
  if (!onPath('pdftotext', env)) missing.push('pdftotext (poppler-utils)');
  return missing;
}

/**
 * Why this process cannot install the packages itself (null when it can): it must be root and
 * find apt-get on PATH.
 */
export function cannotInstallBecause(env = process.env, uid = process.getuid?.() ?? -1) {
  if (!onPath('apt-get', env)) return 'apt-get is not on PATH';
  if (uid !== 0) return 'not running as root';
  return null;
}

/** The one line printed when the browser tests cannot run. */
export function refusal(missing, reason) {
  return `[setup] the browser tests need ${missing.join(' and ')}, which ${reason === null ? 'could not be installed' : `cannot be installed here (${reason})`}; run: ${INSTALL_COMMAND}`;
}

function run(command, args, env) {
  const started = Date.now();
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return { ok: result.status === 0, seconds: (Date.now() - started) / 1000, status: result.status };
}

/**
 * Makes sure the browser tests can run: returns true when they can (installing what is missing
 * when root with apt-get), false after printing the one-line refusal.
 */
export function ensureBrowser(env = process.env, write = (text) => process.stderr.write(text)) {
  const missing = missingBrowserParts(env);
  if (missing.length === 0) return true;
  const reason = cannotInstallBecause(env);
  if (reason !== null) {
    write(`${refusal(missing, reason)}\n`);
    return false;
  }
  const aptGet = onPath('apt-get', env);
  write(
    `[setup] the browser tests need ${missing.join(' and ')}: installing ${BROWSER_PACKAGES.join(' and ')} with apt-get\n`,
  );
  const update = run(aptGet, ['update'], env);
  const install = update.ok
    ? run(aptGet, ['install', '-y', '--no-install-recommends', ...BROWSER_PACKAGES], env)
    : update;
  const stillMissing = missingBrowserParts(env);
  if (!install.ok || stillMissing.length > 0) {
    write(`${refusal(stillMissing.length > 0 ? stillMissing : missing, null)}\n`);
    return false;
  }
  write(
    `[setup] installed ${BROWSER_PACKAGES.join(' and ')} in ${(update.seconds + install.seconds).toFixed(1)} s\n`,
  );
  return true;
}
