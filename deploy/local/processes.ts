import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { say, sleep } from './progress';

/** True when the process exists and is not a zombie (a killed child its parent has not reaped yet). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ...": the state follows the last parenthesis
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

function commandLine(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return null;
  }
}

/** True when the process is a Kafka broker started with this server.properties (guards against pid reuse). */
export function isBrokerProcess(pid: number, serverProperties: string): boolean {
  if (!isAlive(pid)) return false;
  const cmdline = commandLine(pid);
  if (cmdline === null) return process.platform !== 'linux';
  return cmdline.includes('kafka.Kafka') && cmdline.includes(serverProperties);
}

/** Every live broker process started with this server.properties, found in /proc (Linux). */
export function findBrokerProcesses(serverProperties: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  return entries
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => pid !== process.pid && isBrokerProcess(pid, serverProperties));
}

export function readPid(pidFile: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(pidFile, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

/** Resolves true when something accepts TCP connections on host:port. */
export function portAnswers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const finish = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/**
 * Runs `work` while holding a lock file, so two launchers (a test run and `npm run infra:up`, say)
 * never start two brokers on one folder. A lock whose owner died is taken over.
 */
export async function withLock<T>(
  lockFile: string,
  work: () => Promise<T>,
  timeoutMs = 15 * 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    try {
      writeFileSync(lockFile, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readPid(lockFile);
      if (owner === null || !isAlive(owner)) {
        rmSync(lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`another launcher (pid ${owner}) holds ${lockFile}`);
      if (!announced) say(`waiting for another launcher (pid ${owner}) to finish...`);
      announced = true;
      await sleep(250);
    }
  }
  try {
    return await work();
  } finally {
    if (readPid(lockFile) === process.pid) rmSync(lockFile, { force: true });
  }
}
