// The offline replay command raises every rule on the simulator's traffic: each irregularity the
// simulator can plant (one file per rule, apps/simulator/src/traffic/irregularities) is planted in
// a few cases of the demo catalogue among regular ones, the events written to a JSONL file in the
// order the business systems send them, and the replay command (the same code as `npm run replay`)
// must raise, on every planted case, the rule the irregularity is named after. A rule added as its
// files alone (ADR 11) is in this test without an edit.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EXIT_OK } from '../../../apps/replay/src/replay-command';
import { replayInMemory } from '../../../apps/replay/src/testing/replay-in-memory';
import { CaseGenerator, GeneratedCase } from '../../../apps/simulator/src/traffic/case-generator';
import { IRREGULARITY_KINDS } from '../../../apps/simulator/src/traffic/irregularities';
import { DEMO_CATALOG_DIR, demoCatalog } from '../../../apps/simulator/src/traffic/testing/demo-catalog';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Per kind, three planted cases, each beside a regular one, a couple of hours apart. */
function plantedTraffic(): GeneratedCase[] {
  const generator = new CaseGenerator({ catalog: demoCatalog(), seed: 5, irregularShare: 0 });
  const cases: GeneratedCase[] = [];
  let instant = Date.parse('2026-03-02T09:30:00+08:00');
  for (const kind of IRREGULARITY_KINDS)
    for (let round = 0; round < 3; round += 1) {
      instant += 2 * HOUR + round * 37 * MINUTE;
      cases.push(generator.next(instant), generator.next(instant + MINUTE, { irregularity: kind }));
    }
  return cases;
}

/** The events as the business systems send them: by send instant, a case's own order kept. */
function jsonl(cases: readonly GeneratedCase[]): string {
  const sent = cases.flatMap((generated) =>
    generated.events.map((event, position) => ({ event, at: generated.sendAt[position] as number })),
  );
  sent.sort((a, b) => a.at - b.at);
  return sent.map(({ event }) => `${JSON.stringify(event)}\n`).join('');
}

describe('offline replay of the simulator traffic', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'every-rule-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('raises, on every case the simulator planted an irregularity in, the rule named after it', async () => {
    const cases = plantedTraffic();
    const events = path.join(dir, 'events.jsonl');
    writeFileSync(events, jsonl(cases));
    const lastSent = Math.max(...cases.flatMap((generated) => generated.sendAt));

    const { code, stdout, stderr } = await replayInMemory([
      '--events',
      events,
      '--catalog',
      DEMO_CATALOG_DIR,
      // late enough for every deadline of the planted cases to have passed
      '--until',
      new Date(lastSent + 120 * DAY).toISOString(),
    ]);

    expect({ code, stderr: stderr.split('\n').filter((line) => line.startsWith('line ')) }).toEqual({
      code: EXIT_OK,
      stderr: [],
    });
    const raised = new Set(
      stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as { caseId: string; ruleId: string })
        .map((signal) => `${signal.caseId} ${signal.ruleId}`),
    );
    const planted = cases.filter((generated) => generated.irregularity !== undefined);
    expect(new Set(planted.map((generated) => generated.irregularity)).size).toBe(IRREGULARITY_KINDS.length);
    expect(
      planted
        .map((generated) => `${generated.caseId} ${generated.irregularity}`)
        .filter((pair) => !raised.has(pair)),
    ).toEqual([]);
  });
});
