// Drives the real pipeline process against the real broker and a database of its own, for the
// integration and fault tests: start, kill -9, restart, and observe what is durable.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { databaseUrl, loadConfig } from '@app/platform';
import { ensureDatabases } from '../../deploy/local';
import { dropDatabase } from './own-database';
import { OwnTopics } from './own-topics';
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
    await dropDatabase(testConfig(), this.name);
  }
}

/** A topic of the test's own on the shared broker, with a producer and an admin client. */
export class TestTopic extends OwnTopics {
  /** On the shared test broker unless given another one (`127.0.0.1:<port>`). */
  constructor(
    partitions = 6,
    readonly brokers = testConfig().KAFKA_BROKERS,
  ) {
    super(
      `it.approval.events.${randomUUID().slice(0, 8)}`,
      partitions,
      new Kafka({ clientId: 'jiancha-test', brokers: brokers.split(','), logLevel: logLevel.NOTHING }),
    );
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

/**
 * A database and a topic of the test's own, and the pipeline processes a test starts on them: all
 * stopped and removed by `tearDown()`. The apps are built once per suite, with `buildApps()`.
 */
export class PipelineBed {
  readonly database = new TestDatabase();
  readonly topic: TestTopic;
  private readonly pipelines: PipelineProcess[] = [];

  constructor(partitions = 6) {
    this.topic = new TestTopic(partitions);
  }

  async setUp(): Promise<void> {
    await this.database.create();
    await this.topic.create();
  }

  /** A pipeline process on the bed's database and topic, not started yet. */
  pipeline(env: Record<string, string> = {}, groupId?: string): PipelineProcess {
    const pipeline = new PipelineProcess(this.database, this.topic, env, groupId);
    this.pipelines.push(pipeline);
    return pipeline;
  }

  /** The end of what each pipeline process printed (`chars` of each), for a failure's message. */
  outputs(chars = 3000): string {
    return this.pipelines.map((p) => p.output.slice(-chars)).join('\n---\n');
  }

  async tearDown(): Promise<void> {
    await Promise.all(this.pipelines.splice(0).map((p) => p.stop()));
    await this.topic.dispose();
    await this.database.drop();
  }
}
