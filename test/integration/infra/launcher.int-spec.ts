// The local infrastructure launcher against the real broker and the real PostgreSQL server. It runs
// its own broker on ports 19192/19193 (never the shared one on 19092, which others may be using)
// and stops it again at the end.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { databaseUrl, loadConfig, type AppConfig } from '@app/platform';
import {
  ensureDatabases,
  findBrokerProcesses,
  infraPaths,
  isAlive,
  kafkaDown,
  kafkaStatus,
  kafkaUp,
  repoRoot,
} from '../../../deploy/local';
import { dropDatabase } from '../../support/own-database';

jest.setTimeout(180_000); // the project-level testTimeout of jest.config.js is ignored: it is a global option

const root = repoRoot();
const testEnv = {
  ...process.env,
  KAFKA_PORT: '19192',
  KAFKA_CONTROLLER_PORT: '19193',
  KAFKA_BROKERS: '127.0.0.1:19192',
  KAFKA_PARTITIONS: '3',
};
const config = loadConfig(testEnv);
const paths = infraPaths(config);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'jiancha-launcher-'));

async function describeCluster(target: AppConfig) {
  const admin = new Kafka({
    clientId: 'launcher-spec',
    brokers: [`127.0.0.1:${target.KAFKA_PORT}`],
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const cluster = await admin.describeCluster();
    const topics = await admin.fetchTopicMetadata({
      topics: [target.TOPIC_APPROVAL_EVENTS, target.TOPIC_DEAD_LETTERS, target.TOPIC_ALERTS],
    });
    const partitions = Object.fromEntries(
      topics.topics.map((topic) => [topic.name, topic.partitions.length]),
    );
    return { brokers: cluster.brokers, partitions };
  } finally {
    await admin.disconnect();
  }
}

/** A folder holding only symlinks to the named executables, to run the CLI with a stripped PATH. */
function binWith(name: string, tools: Record<string, string>): string {
  const bin = path.join(scratch, name);
  mkdirSync(bin);
  for (const [tool, target] of Object.entries(tools)) symlinkSync(target, path.join(bin, tool));
  return bin;
}

function runCli(env: Record<string, string | undefined>) {
  const result = spawnSync(process.execPath, [path.join(root, 'dist/deploy/local/cli.js'), 'up'], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function javaExecutable(): string {
  const found = spawnSync('sh', ['-c', 'command -v java'], { encoding: 'utf8' }).stdout.trim();
  return realpathSync(found);
}

describe('local infrastructure launcher', () => {
  const throwawayDatabase = `jiancha_launcher_${Date.now().toString(36)}`;

  beforeAll(() => {
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
    expect(build.stderr).toContain('build:');
    expect(build.status).toBe(0);
  });

  afterAll(async () => {
    await kafkaDown(config);
    rmSync(paths.state, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
    await dropDatabase(config, throwawayDatabase);
  });

  it('reuses the running broker when brought up twice: one healthy broker, same pid', async () => {
    const first = await kafkaUp(config);
    const second = await kafkaUp(config);

    expect(first.pid).not.toBeNull();
    expect(second.pid).toBe(first.pid);
    expect(second.started).toBe(false);
    expect(second.brokers).toBe('127.0.0.1:19192');
    expect(findBrokerProcesses(paths.serverProperties)).toEqual([first.pid]);
    expect(readFileSync(paths.pidFile, 'utf8').trim()).toBe(String(first.pid));
    const cluster = await describeCluster(config);
    expect(cluster.brokers).toEqual([expect.objectContaining({ nodeId: 1, host: '127.0.0.1', port: 19192 })]);
    expect(cluster.partitions).toEqual({
      'approval.events': 3,
      'approval.events.dlq': 1,
      'supervision.alerts': 3,
    });
  });

  it('starts a new broker after the old one was killed with SIGKILL, cleaning its stale pid file', async () => {
    const before = await kafkaUp(config);
    const killed = before.pid as number;

    process.kill(killed, 'SIGKILL');
    const after = await kafkaUp(config);

    expect(after.started).toBe(true);
    expect(after.pid).not.toBe(killed);
    expect(after.stalePid).toBe(killed);
    expect(after.clusterId).toBe(before.clusterId);
    expect(isAlive(killed)).toBe(false);
    expect(readFileSync(paths.pidFile, 'utf8').trim()).toBe(String(after.pid));
    expect(findBrokerProcesses(paths.serverProperties)).toEqual([after.pid]);
    const status = await kafkaStatus(config);
    expect(status).toMatchObject({ running: true, connects: true, pid: after.pid, port: 19192 });
    expect((await describeCluster(config)).brokers).toHaveLength(1);
  });

  it('reuses a broker of unknown origin that answers on the port, without claiming its pid', async () => {
    const running = await kafkaUp(config);
    const otherHome = path.join(scratch, 'other-home');
    mkdirSync(otherHome);
    symlinkSync(paths.distribution, path.join(otherHome, `kafka-${config.KAFKA_VERSION}`));
    const stranger = loadConfig({ ...testEnv, INFRA_HOME: otherHome });

    const reused = await kafkaUp(stranger);
    const down = await kafkaDown(stranger);

    expect(reused).toMatchObject({ pid: null, started: false, clusterId: running.clusterId });
    expect(down.pid).toBeNull();
    expect(findBrokerProcesses(paths.serverProperties)).toEqual([running.pid]);
    expect((await kafkaStatus(config)).connects).toBe(true);
  });

  it('stops the broker on down: no process left, pid file removed, status reports stopped', async () => {
    const running = await kafkaUp(config);

    const down = await kafkaDown(config);

    expect(down.pid).toBe(running.pid);
    expect(isAlive(running.pid as number)).toBe(false);
    expect(findBrokerProcesses(paths.serverProperties)).toEqual([]);
    expect(() => readFileSync(paths.pidFile)).toThrow();
    expect(await kafkaStatus(config)).toMatchObject({ running: false, connects: false, pid: null });
  });

  it('fails with a message naming java and what to install when java is not on the PATH', () => {
    const bin = binWith('node-only', { node: process.execPath });

    const result = runCli({ ...testEnv, PATH: bin });

    expect(result.status).not.toBe(0);
    expect(result.output).toContain('java not found on PATH');
    expect(result.output).toContain('apt-get install openjdk-17-jre-headless');
    expect(result.output).not.toContain('migration');
    expect(findBrokerProcesses(paths.serverProperties)).toEqual([]);
  });

  it('fails with a message naming Maven when the broker is not cached and mvn is not on the PATH', () => {
    const bin = binWith('node-and-java', { node: process.execPath, java: javaExecutable() });
    const emptyHome = path.join(scratch, 'empty-home');

    const result = runCli({
      ...testEnv,
      PATH: bin,
      INFRA_HOME: emptyHome,
      KAFKA_PORT: '19392',
      KAFKA_CONTROLLER_PORT: '19393',
    });

    expect(result.status).not.toBe(0);
    expect(result.output).toContain('mvn not found on PATH');
    expect(result.output).toContain('apt-get install maven');
  });

  it('creates a missing database, migrates it, and changes nothing the second time', async () => {
    const exists = async () => {
      const client = new Client({ connectionString: databaseUrl(config, 'postgres') });
      await client.connect();
      try {
        const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [throwawayDatabase]);
        return found.rowCount === 1;
      } finally {
        await client.end();
      }
    };
    expect(await exists()).toBe(false);

    const first = await ensureDatabases(config, [throwawayDatabase]);
    const second = await ensureDatabases(config, [throwawayDatabase]);

    expect(await exists()).toBe(true);
    expect(first.created).toEqual([throwawayDatabase]);
    expect(first.migrations[throwawayDatabase]?.length).toBeGreaterThan(0);
    expect(second).toEqual({ created: [], migrations: { [throwawayDatabase]: [] } });
  });
});
