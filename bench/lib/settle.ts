// Before each benchmark: the machine settles. A CHECKPOINT writes out what the previous benchmark
// left dirty in PostgreSQL's buffers (dropped databases included), `sync` the page cache's dirty
// pages (the broker's logs: their writeback would slow the next benchmark's commits), then the run
// waits until the CPUs have been idle for two seconds in a row (the broker deleting old topics'
// segments, the autovacuum launcher, the previous benchmark's children exiting), so that no
// benchmark pays for the one before it. It gives up after `maxSeconds` and says so.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { databaseUrl, type AppConfig } from '@app/platform';
import { sleep } from './progress';

/** Busy and total jiffies of all CPUs, from /proc/stat. */
function cpuJiffies(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, v) => sum + v, 0);
  // idle + iowait
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

export interface Settled {
  seconds: number;
  /** Share of the CPUs busy in the last second waited. */
  busy: number;
  quiet: boolean;
}

export async function settle(config: AppConfig, maxSeconds = 60, quietBelow = 0.15): Promise<Settled> {
  const started = Date.now();
  const client = new Client({ connectionString: databaseUrl(config, 'postgres') });
  try {
    await client.connect();
    await client.query('CHECKPOINT');
  } finally {
    await client.end().catch(() => undefined);
  }
  spawnSync('sync', { stdio: 'ignore' });
  let quietSeconds = 0;
  let busy = 1;
  let before = cpuJiffies();
  while (Date.now() - started < maxSeconds * 1000) {
    await sleep(1000);
    const after = cpuJiffies();
    busy = (after.busy - before.busy) / Math.max(1, after.total - before.total);
    before = after;
    quietSeconds = busy < quietBelow ? quietSeconds + 1 : 0;
    if (quietSeconds >= 2) break;
  }
  return { seconds: (Date.now() - started) / 1000, busy, quiet: quietSeconds >= 2 };
}
