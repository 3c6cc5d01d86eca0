// A PostgreSQL cluster a test owns: created in a temporary folder, on its own port, stopped and
// started at will (an outage the test controls), removed at the end. initdb refuses root, so the
// server runs as the `postgres` system user when the tests run as root (as CI does).
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

function postgresBin(tool: string): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort().reverse() : [];
  for (const version of versions) {
    const candidate = path.join(root, version, 'bin', tool);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`PostgreSQL server binaries (${tool}) not found under ${root}`);
}

function postgresUid(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) =>
    Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

export class ThrowawayPostgres {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'jiancha-pg-'));
  readonly dataDir = path.join(this.dir, 'data');
  private readonly owner = postgresUid();

  constructor(readonly port = 55000 + Math.floor(Math.random() * 1000)) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  urlOf(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  private run(tool: string, args: string[]): void {
    const options = { encoding: 'utf8' as const, ...(this.owner ?? {}), cwd: this.dir };
    const result = spawnSync(postgresBin(tool), args, options);
    if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr || result.stdout}`);
  }

  init(): void {
    if (this.owner) chownSync(this.dir, this.owner.uid, this.owner.gid);
    this.run('initdb', ['-D', this.dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  }

  start(): void {
    this.run('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      path.join(this.dir, 'server.log'),
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      '-w',
      'start',
    ]);
  }

  /** A fast shutdown: connections are cut, as in an outage. */
  stop(): void {
    this.run('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', 'stop']);
  }

  dispose(): void {
    try {
      this.stop();
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
