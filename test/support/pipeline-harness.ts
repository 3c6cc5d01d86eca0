// Drives the real pipeline process against the real broker and a database of its own, for the
// integration and fault tests: start, kill -9, restart, and observe what is durable.
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Admin, Kafka, Partitioners, Producer, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { databaseUrl, loadConfig } from '@app/platform';
import { ensureDatabases } from '../../deploy/local';

export const repoRoot = path.resolve(__dirname, '../..');

/** Compiles the apps to dist/ once (swc, incremental) so tests run the same files as the demo. */
export function buildApps(): void {
  const result = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`build failed: ${result.stderr}`);
}

export function testConfig(overrides: Record<string, string> = {}) {
  return loadConfig({ ...process.env, ...overrides });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` returns a value (not undefined), or fails with the last observation. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: Error | undefined;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error instanceof Error ? error : new Error(String(error));
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
    await sleep(intervalMs);
  }
}

/** A database of the test's own, migrated, dropped at the end. */
export class TestDatabase {
  readonly name = `jiancha_it_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  private client: Client | undefined;

  get url(): string {
    return databaseUrl(testConfig(), this.name);
  }

  async create(): Promise<void> {
    await ensureDatabases(testConfig(), [this.name]);
    this.client = new Client({ connectionString: this.url });
    await this.client.connect();
  }

  async query<Row>(sql: string, parameters: unknown[] = []): Promise<Row[]> {
    if (!this.client) throw new Error('database not created');
    return (await this.client.query(sql, parameters)).rows as Row[];
  }

  async count(table: string, where = 'true'): Promise<number> {
    const [row] = await this.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`);
    return Number(row?.n ?? 0);
  }

  async drop(): Promise<void> {
    await this.client?.end();
    const admin = new Client({ connectionString: databaseUrl(testConfig(), 'postgres') });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
}

/** A topic of the test's own on the shared broker, with a producer and an admin client. */
export class TestTopic {
  readonly name = `it.approval.events.${randomUUID().slice(0, 8)}`;
  readonly deadLetters = `${this.name}.dlq`;
  readonly alerts = `${this.name}.alerts`;
  readonly kafka = new Kafka({
    clientId: 'jiancha-test',
    brokers: testConfig().KAFKA_BROKERS.split(','),
    logLevel: logLevel.NOTHING,
  });
  readonly admin: Admin = this.kafka.admin();
  readonly producer: Producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });

  constructor(readonly partitions = 6) {}

  async create(): Promise<void> {
    await this.admin.connect();
    await this.producer.connect();
    await this.admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic: this.name, numPartitions: this.partitions, replicationFactor: 1 },
        { topic: this.deadLetters, numPartitions: 1, replicationFactor: 1 },
        { topic: this.alerts, numPartitions: this.partitions, replicationFactor: 1 },
      ],
    });
  }

  /** Sends messages in chunks, keyed as business systems key them (caseId). */
  async produce(messages: { key: string | null; value: string | Buffer }[], chunk = 500): Promise<void> {
    for (let i = 0; i < messages.length; i += chunk) {
      await this.producer.send({ topic: this.name, acks: -1, messages: messages.slice(i, i + chunk) });
    }
  }

  /** Messages behind the end of the topic for a consumer group (0 when it has consumed everything). */
  async lag(groupId: string): Promise<number> {
    const [ends, [committed]] = await Promise.all([
      this.admin.fetchTopicOffsets(this.name),
      this.admin.fetchOffsets({ groupId, topics: [this.name] }),
    ]);
    const done = new Map(committed?.partitions.map((p) => [p.partition, Number(p.offset)]) ?? []);
    return ends.reduce((sum, end) => sum + Number(end.high) - Math.max(done.get(end.partition) ?? 0, 0), 0);
  }

  async dispose(): Promise<void> {
    await this.admin
      .deleteTopics({ topics: [this.name, this.deadLetters, this.alerts] })
      .catch(() => undefined);
    await this.producer.disconnect();
    await this.admin.disconnect();
  }
}

let nextPort = 3600 + Math.floor(Math.random() * 300);

/** One pipeline process, as `npm run demo` starts it. */
export class PipelineProcess {
  readonly port = nextPort++;
  readonly groupId: string;
  private child: ChildProcess | undefined;
  output = '';

  constructor(
    private readonly database: { url: string; name: string },
    private readonly topic: TestTopic,
    private readonly env: Record<string, string> = {},
    groupId?: string,
  ) {
    this.groupId = groupId ?? `it-pipeline-${randomUUID().slice(0, 8)}`;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['dist/apps/pipeline/src/main.js'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        DATABASE_URL: this.database.url,
        DATABASE_NAME: this.database.name,
        TOPIC_APPROVAL_EVENTS: this.topic.name,
        TOPIC_DEAD_LETTERS: this.topic.deadLetters,
        TOPIC_ALERTS: this.topic.alerts,
        PIPELINE_GROUP_ID: this.groupId,
        PIPELINE_HTTP_PORT: String(this.port),
        LOG_LEVEL: 'warn',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    await eventually(
      `pipeline on port ${this.port} to be healthy`,
      async () => {
        if (child.exitCode !== null)
          throw new Error(`pipeline exited ${child.exitCode}: ${this.output.slice(-2000)}`);
        const response = await fetch(`http://127.0.0.1:${this.port}/health`);
        return response.ok ? true : undefined;
      },
      60_000,
    );
  }

  async metric(name: string): Promise<number> {
    const text = await (await fetch(`http://127.0.0.1:${this.port}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
    return line ? Number(line.split(' ').at(-1)) : 0;
  }

  /** `kill -9`: no shutdown hook runs, nothing is flushed. */
  kill9(): void {
    this.child?.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}
