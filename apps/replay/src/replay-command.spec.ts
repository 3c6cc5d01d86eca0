import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EXIT_BAD_INPUT, EXIT_OK, runReplay } from './replay-command';
import { replayInMemory } from './testing/replay-in-memory';

const root = path.resolve(__dirname, '../../..');
const fixtures = path.join(root, 'test/fixtures/replay');
const EVENTS = path.join(fixtures, 'events.jsonl');
const CATALOG = path.join(fixtures, 'catalog');
const BAD_CATALOG = path.join(fixtures, 'bad-catalog');

const replay = (...argv: string[]) => replayInMemory(argv);

const tempDirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'replay-'));
  tempDirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe(runReplay.name, () => {
  it('prints the expected signals, sorted by raisedAt then alertKey, byte-identical across runs', async () => {
    const dir = tempDir();
    const first = path.join(dir, 'first.jsonl');
    const second = path.join(dir, 'second.jsonl');

    const one = await replay('--events', EVENTS, '--catalog', CATALOG, '--out', first);
    const two = await replay('--events', EVENTS, '--catalog', CATALOG, '--out', second);
    const toStdout = await replay('--events', EVENTS, '--catalog', CATALOG);

    expect([one.code, two.code, toStdout.code]).toEqual([EXIT_OK, EXIT_OK, EXIT_OK]);
    expect(readFileSync(second)).toEqual(readFileSync(first));
    expect(toStdout.stdout).toBe(readFileSync(first, 'utf8'));
    expect(readFileSync(first, 'utf8')).toBe(
      readFileSync(path.join(fixtures, 'expected-signals.jsonl'), 'utf8'),
    );
  });

  it('writes one signal object per line with the fields of docs/replay-command.md', async () => {
    const { stdout } = await replay('--events', EVENTS, '--catalog', CATALOG);
    const signals = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);

    for (const signal of signals) {
      expect(Object.keys(signal)).toEqual([
        'alertKey',
        'caseId',
        'itemCode',
        'departmentId',
        'ruleId',
        'stage',
        'level',
        'raisedAt',
        'triggeredBy',
        'message',
        'details',
      ]);
      expect(signal.raisedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
    const order = signals.map((signal) => `${String(signal.raisedAt)} ${String(signal.alertKey)}`);
    expect(order).toEqual([...order].sort());
  });

  it('reports malformed lines with their numbers, goes on, and ends with a summary', async () => {
    const { code, stderr } = await replay('--events', EVENTS, '--catalog', CATALOG);

    expect(code).toBe(EXIT_OK);
    expect(stderr.split('\n').filter((line) => line.startsWith('line '))).toEqual([
      expect.stringMatching(/^line 16: event: not JSON/),
      'line 23: occurredAt: is required',
      'line 27: occurredAt: must be an RFC 3339 date-time with offset',
      'line 43: payload.amount: must be integer',
    ]);
    expect(stderr).toContain('replay: events read 45, invalid 4, duplicates 1, applied 40 in 11 cases');
    expect(stderr).toMatch(/replay: signals \d+: warning \d+, yellow \d+, red \d+\n$/);
  });

  it('stops before reading any event when the catalogue is malformed, naming the file, entry and field', async () => {
    const { code, stdout, stderr } = await replay('--events', EVENTS, '--catalog', BAD_CATALOG);

    expect(code).toBe(EXIT_BAD_INPUT);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/items\.json: entry 1 \(code "XK-002"\): promisedDays: /);
    expect(stderr).not.toContain('line ');
  });

  it.each([
    ['no --events', ['--catalog', CATALOG]],
    ['no --catalog', ['--events', EVENTS]],
    [
      'an --until without offset',
      ['--events', EVENTS, '--catalog', CATALOG, '--until', '2026-10-01T00:00:00'],
    ],
    ['an unknown option', ['--events', EVENTS, '--catalog', CATALOG, '--since', 'x']],
    [
      'an events file that does not exist',
      ['--events', path.join(fixtures, 'missing.jsonl'), '--catalog', CATALOG],
    ],
    [
      'a catalogue directory that does not exist',
      ['--events', EVENTS, '--catalog', path.join(fixtures, 'missing')],
    ],
    [
      'an --out in a missing directory',
      ['--events', EVENTS, '--catalog', CATALOG, '--out', path.join(fixtures, 'missing', 'x.jsonl')],
    ],
  ])('exits 2 for %s', async (_, argv) => {
    const { code, stdout } = await replay(...argv);

    expect(code).toBe(EXIT_BAD_INPUT);
    expect(stdout).toBe('');
  });

  it('fires every timer due at or before --until, and ignores events after it', async () => {
    const late = await replay(
      '--events',
      EVENTS,
      '--catalog',
      CATALOG,
      '--until',
      '2026-12-31T00:00:00+08:00',
    );
    const early = await replay(
      '--events',
      EVENTS,
      '--catalog',
      CATALOG,
      '--until',
      '2026-09-30T00:00:00+08:00',
    );

    // C-005, accepted 2026-10-12 and still open: R = endOf(Oct 21)
    expect(late.stdout).toContain('"alertKey":"C-005|TIME_OVERDUE_RED|"');
    expect(late.stdout).toContain('"raisedAt":"2026-10-21T16:00:00.000Z"');
    expect(early.stdout).toContain('"alertKey":"C-001|TIME_WARNING|"');
    expect(early.stdout).not.toContain('C-001|TIME_OVERDUE|');
    expect(early.stdout).not.toContain('P-005');
    expect(early.stderr).toMatch(/after --until \d+/);
  });

  it('reads blank lines, CRLF line ends and a last line without a line break', async () => {
    const dir = tempDir();
    const events = path.join(dir, 'crlf.jsonl');
    const lines = readFileSync(EVENTS, 'utf8').trimEnd().split('\n');
    writeFileSync(events, `\r\n${lines.join('\r\n')}`);

    const { code, stdout, stderr } = await replay('--events', events, '--catalog', CATALOG);

    expect(code).toBe(EXIT_OK);
    expect(stdout).toBe(readFileSync(path.join(fixtures, 'expected-signals.jsonl'), 'utf8'));
    expect(stderr).toContain('line 17: event: not JSON');
  });
});

describe('replay command (child process, the bundled command as it ships)', () => {
  beforeAll(() => {
    const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(build.status).toBe(0);
  }, 60_000);

  const run = (...argv: string[]) =>
    spawnSync(process.execPath, [path.join(root, 'dist/replay/main.js'), ...argv], {
      cwd: root,
      encoding: 'utf8',
    });

  it('exits 2 with the file and field on a malformed catalogue, 0 on a completed run', () => {
    const bad = run('--events', EVENTS, '--catalog', BAD_CATALOG);
    const good = run('--events', EVENTS, '--catalog', CATALOG);

    expect(bad.status).toBe(EXIT_BAD_INPUT);
    expect(bad.stderr).toContain('items.json: entry 1 (code "XK-002"): promisedDays');
    expect(good.status).toBe(EXIT_OK);
    expect(good.stdout).toBe(readFileSync(path.join(fixtures, 'expected-signals.jsonl'), 'utf8'));
  });
});
