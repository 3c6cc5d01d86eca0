import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Signal } from '@app/contracts';
import {
  PipelineBed,
  PipelineProcess,
  buildApps,
  eventually,
  repoRoot,
  sleep,
} from '../../support/pipeline-harness';
import { DEMO_CATALOG_DIR, toKafka, workload } from '../../support/workload';

// docs/rules.md: the live pipeline and every replay raise the same signals with the same raisedAt.
describe('live pipeline and replay command', () => {
  const sample = workload(4_000, { seed: 23, malformedShare: 0.02, duplicateShare: 0.02 });
  const bed = new PipelineBed(6);
  const { database, topic } = bed;
  const dir = mkdtempSync(path.join(tmpdir(), 'jiancha-live-replay-'));
  let pipeline: PipelineProcess;

  beforeAll(async () => {
    buildApps();
    await bed.setUp();
    pipeline = bed.pipeline();
  });

  afterAll(async () => {
    await bed.tearDown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('raise the same signal set for the same events', async () => {
    await pipeline.start();
    await topic.produce(toKafka(sample.messages));
    await eventually('the pipeline to consume everything', async () =>
      (await topic.lag(pipeline.groupId)) === 0 ? true : undefined,
    );
    // every timer due before the cutoff has fired live: the watermark (wall clock - 60 s grace) is past it
    const cutoff = Date.now() - 60_000 - 5_000;
    await sleep(2_500);

    // the stored events in arrival order: ties of occurredAt break the same way in both
    const stored = await database.query<{ event: unknown }>('SELECT event FROM audit_events ORDER BY seq');
    expect(stored).toHaveLength(sample.uniqueEvents.length);
    const eventsFile = path.join(dir, 'events.jsonl');
    const outFile = path.join(dir, 'signals.jsonl');
    writeFileSync(eventsFile, stored.map((row) => JSON.stringify(row.event)).join('\n') + '\n');
    const replay = spawnSync(
      process.execPath,
      [
        'dist/replay/main.js',
        '--events',
        eventsFile,
        '--catalog',
        DEMO_CATALOG_DIR,
        '--until',
        new Date(cutoff).toISOString(),
        '--out',
        outFile,
      ],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    expect(replay.status).toBe(0);
    const replayed = readFileSync(outFile, 'utf8')
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as Signal);

    const live = await database.query<{ alert_key: string; level: string; raised_at: Date }>(
      `SELECT alert_key, level, raised_at FROM signals WHERE status <> 'retracted' AND raised_at <= $1`,
      [new Date(cutoff).toISOString()],
    );
    const liveSet = live.map((s) => `${s.alert_key} ${s.level} ${s.raised_at.toISOString()}`).sort();
    const replaySet = replayed.map((s) => `${s.alertKey} ${s.level} ${s.raisedAt}`).sort();
    expect(replaySet.length).toBeGreaterThan(100);
    expect(new Set(replayed.map((s) => s.ruleId)).size).toBeGreaterThan(10);
    expect(liveSet).toEqual(replaySet);
  });
});
