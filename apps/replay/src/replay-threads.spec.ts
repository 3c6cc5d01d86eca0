import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { concatEvents, planReplay, stableOrder } from './replay-plan';
import { EXIT_OK, type ReplayTuning } from './replay-command';
import { replayInMemory } from './testing/replay-in-memory';
import { hash, type ChunkValidation } from './replay-shard';

const root = path.resolve(__dirname, '../../..');
const fixtures = path.join(root, 'test/fixtures/replay');
const EVENTS = path.join(fixtures, 'events.jsonl');
const CATALOG = path.join(fixtures, 'catalog');
const EXPECTED = readFileSync(path.join(fixtures, 'expected-signals.jsonl'), 'utf8');

const replay = (tuning: ReplayTuning, ...argv: string[]) => replayInMemory(argv, tuning);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'replay-threads-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The fixture ten times over, each copy's cases and events renamed, so that each copy is cross-case
 * history of its own (receipts, peer decisions), plus an eventId repeated in another case, blank
 * lines, CRLF and the fixture's invalid lines.
 */
function manyCopies(): string {
  const lines = readFileSync(EVENTS, 'utf8').trimEnd().split('\n');
  const out: string[] = [];
  for (let copy = 0; copy < 10; copy += 1) {
    for (const line of lines) {
      out.push(
        line
          .replace(/"(C|P)-(\d+)"/g, `"$1-$2-${copy}"`)
          .replace(/"E-(\d+)"/g, (match, n: string) => (copy % 3 === 2 ? match : `"E-${n}-${copy}"`)),
      );
    }
    out.push('  ');
  }
  return out.map((line, index) => (index % 7 === 0 ? `${line}\r` : line)).join('\n');
}

describe('the replay on several threads', () => {
  it('prints what one thread prints, with chunks of a few lines shared out among three threads', async () => {
    const one = await replay({ threads: 1 }, '--events', EVENTS, '--catalog', CATALOG);
    const three = await replay(
      { threads: 3, workerScript: null, chunkBytes: 600 },
      '--events',
      EVENTS,
      '--catalog',
      CATALOG,
    );

    expect(one.stdout).toBe(EXPECTED);
    expect(three).toEqual(one);
  });

  it('gives the same signals, invalid lines and summary on a larger file, with --until', async () => {
    const file = path.join(dir, 'copies.jsonl');
    writeFileSync(file, manyCopies());
    const runs = [];
    for (const until of [[], ['--until', '2026-10-10T00:00:00+08:00']]) {
      const argv = ['--events', file, '--catalog', CATALOG, ...until];
      const one = await replay({ threads: 1 }, ...argv);
      const four = await replay({ threads: 4, workerScript: null, chunkBytes: 1024 }, ...argv);

      expect(one.code).toBe(EXIT_OK);
      expect(four).toEqual(one);
      runs.push(one);
    }
    const [all, early] = runs;
    // the cross-case rules fire across copies and threads
    expect(all?.stdout.match(/"ruleId":"FEE_DUPLICATE_RECEIPT"/g)?.length).toBeGreaterThan(1);
    expect(all?.stdout.match(/"ruleId":"PENALTY_PEER_DEVIATION"/g)?.length).toBeGreaterThan(1);
    expect(all?.stderr).toMatch(/invalid 40, duplicates [1-9]\d*, applied/);
    expect(early?.stderr).toMatch(/after --until [1-9]\d*/);
  });

  it('runs the same in worker threads reading the chunks from shared memory', async () => {
    const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(build.status).toBe(0);
    const file = path.join(dir, 'copies.jsonl');
    writeFileSync(file, manyCopies());
    const argv = ['--events', file, '--catalog', CATALOG];
    // the worker as it ships, bundled (scripts/bundle-replay.mjs)
    const workerScript = path.join(root, 'dist/replay/replay-worker.js');

    const one = await replay({ threads: 1 }, ...argv);
    const workers = await replay({ threads: 2, workerScript, chunkBytes: 2048 }, ...argv);

    expect(workers).toEqual(one);
  }, 60_000);
});

describe(planReplay.name, () => {
  /** One chunk of events given by eventId, caseId, instant and link. */
  function chunkOf(events: { id: string; caseId: string; at: number; link?: string }[]): ChunkValidation {
    return {
      index: 0,
      lines: events.length,
      read: events.length,
      invalid: [],
      events: {
        offset: Uint32Array.from(events, (_, i) => i),
        length: Uint32Array.from(events, () => 1),
        instant: Float64Array.from(events, (e) => e.at),
        // every eventId gets the same hashes: only the eventIds themselves tell duplicates apart
        idHash: Uint32Array.from(events.flatMap(() => [7, 7])),
        caseKey: Uint32Array.from(events, (e) => hash(e.caseId, 1)),
        linkKey: Uint32Array.from(events, (e) => (e.link ? hash(e.link, 2) : 0)),
      },
    };
  }

  it('orders by instant then file order, sets aside events after until, and tells duplicates by eventId', () => {
    const input = [
      { id: 'a', caseId: 'C1', at: 30 },
      { id: 'b', caseId: 'C2', at: 10 },
      { id: 'a', caseId: 'C3', at: 10 },
      { id: 'c', caseId: 'C1', at: 10 },
      { id: 'd', caseId: 'C2', at: 99 },
    ];
    const events = concatEvents([chunkOf(input)]);

    const plan = planReplay(events, 50, 1, (index) => (input[index] as { id: string }).id);

    expect(plan).toMatchObject({ afterUntil: 1, duplicates: 1, applied: 3 });
    // b (10), a in C3 (10), c (10); a in C1 (30) is the duplicate
    expect([...(plan.shards[0]?.offset ?? [])]).toEqual([1, 2, 3]);
  });

  it('keeps cases that share a receipt or a peer group on one thread, and shares out the rest', () => {
    const input = [
      { id: '1', caseId: 'C1', at: 1, link: 'R-1' },
      { id: '2', caseId: 'C2', at: 2 },
      { id: '3', caseId: 'C3', at: 3, link: 'R-1' },
      { id: '4', caseId: 'C4', at: 4, link: 'V|tier' },
      { id: '5', caseId: 'C5', at: 5, link: 'V|tier' },
      { id: '6', caseId: 'C1', at: 6 },
      { id: '7', caseId: 'C6', at: 7 },
      { id: '8', caseId: 'C7', at: 8 },
    ];
    const events = concatEvents([chunkOf(input)]);

    const plan = planReplay(events, Infinity, 3, (index) => (input[index] as { id: string }).id);

    const threadOf = new Map<string, number>();
    plan.shards.forEach((shard, thread) => {
      for (const offset of shard.offset) threadOf.set((input[offset] as { caseId: string }).caseId, thread);
      // replay order within a thread
      expect([...shard.instant]).toEqual([...shard.instant].sort((a, b) => a - b));
    });
    expect(threadOf.get('C1')).toBe(threadOf.get('C3'));
    expect(threadOf.get('C4')).toBe(threadOf.get('C5'));
    expect(new Set(threadOf.values()).size).toBe(3);
    expect(plan.shards.map((shard) => shard.offset.length).sort()).toEqual([2, 3, 3]);
  });
});

describe(stableOrder.name, () => {
  const byComparator = (instants: Float64Array) =>
    [...instants.keys()].sort((a, b) => (instants[a] as number) - (instants[b] as number) || a - b);

  it('orders by instant, equal instants in file order, over any span', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const base = Date.parse('2026-03-01T00:00:00Z');
    for (const span of [0, 1, 1000, 86_400_000 * 400, 2 ** 52]) {
      for (const count of [0, 1, 2, 1000, 5000]) {
        const instants = Float64Array.from({ length: count }, () =>
          span === 2 ** 52 ? Math.floor(random() * span) : base + Math.floor(random() * (span + 1)),
        );
        expect([...stableOrder(instants)]).toEqual(byComparator(instants));
      }
    }
  });
});
