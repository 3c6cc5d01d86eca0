// A PostgreSQL cluster a test owns: created in a temporary folder, on its own port, stopped and
// started at will (an outage the test controls), removed at the end. initdb refuses root, so the
// server runs as the `postgres` system user when the tests run as root (as CI does).
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '@app/persistence';

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

/** A TCP port nobody listens on right now, as the kernel hands it out. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export class ThrowawayPostgres {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'jiancha-pg-'));
  readonly dataDir = path.join(this.dir, 'data');
  private readonly owner = postgresUid();
  port = 0;

  /** Chooses a free port (several clusters may be started on this machine at once). */
  async choosePort(): Promise<void> {
    this.port = await freePort();
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  urlOf(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  private run(tool: string, args: string[]): void {
    const options = { encoding: 'utf8' as const, ...(this.owner ?? {}), cwd: this.dir };
    const result = spawnSync(postgresBin(tool), args, options);
    if (result.status !== 0) {
      const log = path.join(this.dir, 'server.log');
      const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-15).join('\n') : '';
      throw new Error(`${tool} failed: ${result.stderr || result.stdout}\n${tail}`);
    }
  }

  init(): void {
    if (this.owner) chownSync(this.dir, this.owner.uid, this.owner.gid);
    this.run('initdb', ['-D', this.dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  }

  /** Starts the server; retries on another free port if this one was taken meanwhile. */
  async startOnFreePort(attempts = 3): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      await this.choosePort();
      try {
        this.start();
        return;
      } catch (error) {
        if (attempt >= attempts) throw error;
      }
    }
  }

  start(): void {
    if (this.port === 0) throw new Error('choose a port first');
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

/**
 * A migrated database on a throwaway cluster, as the system bed needs it: each query opens its own
 * connection, so a look after an outage finds the server again.
 */
export class ThrowawayDatabase {
  readonly name = 'jiancha';
  readonly cluster = new ThrowawayPostgres();

  get url(): string {
    return this.cluster.urlOf(this.name);
  }

  async create(): Promise<void> {
    this.cluster.init();
    await this.cluster.startOnFreePort();
    const admin = new Client({ connectionString: this.cluster.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${this.name}`);
    await admin.end();
    await runMigrations(this.url);
  }

  async query<Row>(sql: string, parameters: unknown[] = []): Promise<Row[]> {
    const client = new Client({ connectionString: this.url });
    await client.connect();
    try {
      return (await client.query(sql, parameters)).rows as Row[];
    } finally {
      await client.end();
    }
  }

  async count(table: string, where = 'true'): Promise<number> {
    const [row] = await this.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`);
    return Number(row?.n ?? 0);
  }

  drop(): Promise<void> {
    this.cluster.dispose();
    return Promise.resolve();
  }
}
