// What the signals should be: the offline replay command (the same rule engine, no Kafka, no
// database) run over the events a test sent, to compare with what the live system stored.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ApprovalEvent, Signal } from '@app/contracts';
import { repoRoot } from './service-process';
import { DEMO_CATALOG_DIR } from './workload';

/** The signals the replay raises for `events` (in send order) with the watermark at `until`. */
export function replaySignals(events: ApprovalEvent[], until: number): Signal[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'jiancha-oracle-'));
  try {
    const eventsFile = path.join(dir, 'events.jsonl');
    const outFile = path.join(dir, 'signals.jsonl');
    writeFileSync(eventsFile, events.map((event) => JSON.stringify(event)).join('\n') + '\n');
    const replay = spawnSync(
      process.execPath,
      [
        'dist/replay/main.js',
        ...['--events', eventsFile, '--catalog', DEMO_CATALOG_DIR],
        ...['--until', new Date(until).toISOString(), '--out', outFile],
      ],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    if (replay.status !== 0) throw new Error(`replay failed: ${replay.stderr}`);
    return readFileSync(outFile, 'utf8')
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as Signal);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
