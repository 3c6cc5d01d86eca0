import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseEvent } from '@app/contracts';
import { runCli } from './cli';
import { DEMO_CATALOG_DIR } from './traffic/testing/demo-catalog';

describe('simulator command line', () => {
  let dir: string;
  let stderr: string[];

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'simulator-'));
    stderr = [];
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
    process.exitCode = undefined;
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
    process.exitCode = undefined;
  });

  const run = (...args: string[]) => runCli(['node', 'simulator', ...args]);

  it('backfills a period into a JSONL file, the same for the same seed', async () => {
    const first = path.join(dir, 'first.jsonl');
    const second = path.join(dir, 'second.jsonl');
    const common = [
      '--from',
      '2026-03-02',
      '--to',
      '2026-03-13',
      '--cases',
      '50',
      '--catalog',
      DEMO_CATALOG_DIR,
    ];

    await run('backfill', ...common, '--seed', '5', '--malformed-share', '0.05', '--out', first);
    await run('backfill', ...common, '--seed', '5', '--malformed-share', '0.05', '--out', second);

    const lines = readFileSync(first, 'utf8').trim().split('\n');
    expect(process.exitCode).toBeUndefined();
    expect(readFileSync(second, 'utf8')).toBe(readFileSync(first, 'utf8'));
    expect(lines.filter((line) => parseEvent(line).ok).length).toBeGreaterThan(200);
    expect(lines.some((line) => !parseEvent(line).ok)).toBe(true);
    expect(stderr.join('')).toMatch(/^cases 50 \(irregular \d+\); messages: event \d+/m);
  });

  it.each([
    [['backfill', '--from', '2026-03-02'], /required option '--to <date>'/],
    [['backfill', '--from', '2026-3-2', '--to', '2026-03-13'], /must be a date YYYY-MM-DD/],
    [['live', '--irregular-share', '1.5'], /must be a number from 0 to 1/],
    [['compress', '--rate', '10'], /required option '--factor <n>'/],
    [['replay'], /unknown command 'replay'/],
  ])('exits with 2 on bad arguments %j', async (args, message) => {
    await run(...args);

    expect(process.exitCode).toBe(2);
    expect(stderr.join('')).toMatch(message);
  });

  it('exits with 2 naming the file of a broken catalogue', async () => {
    await run(
      'backfill',
      '--from',
      '2026-03-02',
      '--to',
      '2026-03-13',
      '--catalog',
      dir,
      '--out',
      path.join(dir, 'x'),
    );

    expect(process.exitCode).toBe(2);
    expect(stderr.join('')).toMatch(/departments\.json: file is missing/);
  });
});
