// Drives the real pipeline process against the real broker and a database of its own, for the
// integration and fault tests: start, kill -9, restart, and observe what is durable.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Admin, Kafka, Partitioners, Producer, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { databaseUrl, loadConfig } from '@app/platform';
import { ensureDatabases, pipelineTopics } from '../../deploy/local';
import { eventually, repoRoot, ServiceProcess, sleep } from './service-process';

export { eventually, repoRoot, sleep };

/** Compiles the apps to dist/ once (swc, incremental) so tests run the same files as the demo. */
export function buildApps(): void {
  const result = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`build failed: ${result.stderr}`);
}

export function testConfig(overrides: Record<string, string> = {}) {
  return loadConfig({ ...process.env, ...overrides });
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
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly producer: Producer;

  /** On the shared test broker unless given another one (`127.0.0.1:<port>`). */
  constructor(
    readonly partitions = 6,
    readonly brokers = testConfig().KAFKA_BROKERS,
  ) {
    this.kafka = new Kafka({
      clientId: 'jiancha-test',
      brokers: brokers.split(','),
      logLevel: logLevel.NOTHING,
    });
    this.admin = this.kafka.admin();
    this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  }

  async create(): Promise<void> {
    await this.admin.connect();
    await this.producer.connect();
    await this.admin.createTopics({
      waitForLeaders: true,
      topics: pipelineTopics(
        { events: this.name, deadLetters: this.deadLetters, alerts: this.alerts },
        this.partitions,
      ),
    });
  }

  /**
   * Sends messages in chunks (at most `chunk` messages and 512 KiB a request, so a run of oversized
   * messages stays under the broker's limit), keyed as business systems key them (caseId).
   */
  async produce(
    messages: { key: string | null; value: string | Buffer | null }[],
    chunk = 500,
  ): Promise<void> {
    let request: typeof messages = [];
    let bytes = 0;
    for (const message of messages) {
      const size = message.value === null ? 0 : Buffer.byteLength(message.value);
      if (request.length > 0 && (request.length >= chunk || bytes + size > 512 * 1024)) {
        await this.producer.send({ topic: this.name, acks: -1, messages: request });
        request = [];
        bytes = 0;
      }
      request.push(message);
      bytes += size;
    }
    if (request.length > 0) await this.producer.send({ topic: this.name, acks: -1, messages: request });
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
export class PipelineProcess extends ServiceProcess {
  readonly groupId: string;

  constructor(
    database: { url: string; name: string },
    topic: TestTopic,
    env: Record<string, string> = {},
    groupId?: string,
  ) {
    const group = groupId ?? `it-pipeline-${randomUUID().slice(0, 8)}`;
    const port = nextPort++;
    super('pipeline', `pipeline ${group}`, port, () => ({
      DATABASE_URL: database.url,
      DATABASE_NAME: database.name,
      TOPIC_APPROVAL_EVENTS: topic.name,
      TOPIC_DEAD_LETTERS: topic.deadLetters,
      TOPIC_ALERTS: topic.alerts,
      PIPELINE_GROUP_ID: group,
      PIPELINE_HTTP_PORT: String(port),
      LOG_LEVEL: 'warn',
      ...env,
    }));
    this.groupId = group;
  }

  override start(timeoutMs = 60_000): Promise<void> {
    return super.start(timeoutMs);
  }
}
