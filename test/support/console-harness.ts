// The console in-process against the real broker and a database of its own, for the signal
// lifecycle and notification suites: its own Kafka topics (other suites publish alerts on the shared
// broker at the same time), demo users, a webhook receiver over real HTTP, and the pipeline as a
// child process when a test wants signals raised the real way.
import 'reflect-metadata';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Admin, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { Client } from 'pg';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Signal } from '@app/contracts';
import { CatalogHistory, loadCatalogDirectory } from '@app/catalog';
import { catalogRegistration, RegistrationPolicy, SignalChanges, writeSignalChanges } from '@app/ingest';
import { createDataSource, PgIngestStore } from '@app/persistence';
import { AppConfig, Clock, databaseUrl, loadConfig, responseDaysOf } from '@app/platform';
import { ensureDatabases, pipelineTopics } from '../../deploy/local';
import { createConsoleApp } from '../../apps/console/src/console-app';
import { eventually as pollUntil, repoRoot, sleep } from './service-process';
import { dropDatabase } from './own-database';
import { restCall, type HttpAnswer, type RestCallOptions } from './rest-call';
import { NotifierIntake } from '../../apps/console/src/notifications/notifier-intake';

export { repoRoot, sleep };
export const DEMO_PASSWORD = 'it-demo-password';

/** Polls until `probe` returns a value (not undefined); the console suites poll faster and shorter. */
export function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<T> {
  return pollUntil(what, probe, timeoutMs, intervalMs);
}

let serial = 0;

/** A signal as the rule engine raises it; every call a new alert key unless given one. */
export function aSignal(overrides: Partial<Signal> = {}): Signal {
  serial += 1;
  const caseId = overrides.caseId ?? `IT-${randomUUID().slice(0, 8)}`;
  const ruleId = overrides.ruleId ?? 'FEE_NOT_IN_CATALOG';
  const qualifier = `ev-${serial}`;
  return {
    alertKey: `${caseId}|${ruleId}|${qualifier}`,
    caseId,
    itemCode: 'XK-SCJG-003',
    departmentId: 'scjgj',
    ruleId,
    stage: 'before',
    level: 'red',
    raisedAt: new Date().toISOString(),
    triggeredBy: qualifier,
    message: '核定收费的收费项目不在目录内（擅自收费）',
    details: {},
    ...overrides,
  };
}

/** A console with a database and Kafka topics of its own, torn down at the end. */
export class ConsoleTestBed {
  readonly suffix = randomUUID().replace(/-/g, '').slice(0, 10);
  readonly databaseName = `jiancha_console_${this.suffix}`;
  readonly topics = {
    events: `it.console.${this.suffix}.events`,
    deadLetters: `it.console.${this.suffix}.events.dlq`,
    alerts: `it.console.${this.suffix}.alerts`,
  };
  config!: AppConfig;
  app: NestExpressApplication | undefined;
  baseUrl = '';
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  readonly producer: Producer;
  private client: Client | undefined;
  private store:
    | { destroy(): Promise<void>; ingest: PgIngestStore; registration: RegistrationPolicy }
    | undefined;
  private readonly tokens = new Map<string, string>();

  constructor(
    private readonly overrides: Record<string, string> = {},
    /** A test clock for the console (the pipeline child keeps the system's). */
    private readonly clock?: Clock,
  ) {
    const base = loadConfig(process.env);
    this.kafka = new Kafka({
      clientId: 'jiancha-console-it',
      brokers: base.KAFKA_BROKERS.split(','),
      logLevel: logLevel.NOTHING,
    });
    this.admin = this.kafka.admin();
    this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  }

  get databaseUrl(): string {
    return databaseUrl(this.config);
  }

  /** The environment of this console, for a pipeline started beside it. */
  environment(): Record<string, string> {
    return {
      DATABASE_NAME: this.databaseName,
      TOPIC_APPROVAL_EVENTS: this.topics.events,
      TOPIC_DEAD_LETTERS: this.topics.deadLetters,
      TOPIC_ALERTS: this.topics.alerts,
      CATALOG_DIR: this.overrides.CATALOG_DIR ?? path.join(repoRoot, 'deploy/catalog/demo'),
    };
  }

  async setUp(): Promise<this> {
    this.config = loadConfig({
      ...process.env,
      ...this.environment(),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      DEMO_SEED_USERS: 'true',
      DEMO_PASSWORD,
      NOTIFIER_GROUP_ID: `it-notifier-${this.suffix}`,
      SIGNAL_REGISTRAR_INTERVAL_MS: '200',
      OVERDUE_SWEEP_INTERVAL_MS: '300',
      NOTIFY_DIGEST_INTERVAL_MS: '2000',
      WEBHOOK_BACKOFF_MS: '200',
      WEBHOOK_BACKOFF_MAX_MS: '1000',
      WEBHOOK_TIMEOUT_MS: '3000',
      ...this.overrides,
    });
    await ensureDatabases(this.config, [this.databaseName]);
    this.client = new Client({ connectionString: this.databaseUrl });
    await this.client.connect();
    await this.admin.connect();
    await this.producer.connect();
    await this.admin.createTopics({ waitForLeaders: true, topics: pipelineTopics(this.topics, 3) });
    const dataSource = await createDataSource(this.databaseUrl, { poolSize: 2 }).initialize();
    const history = CatalogHistory.single(await loadCatalogDirectory(this.config.CATALOG_DIR), 1);
    this.store = {
      ingest: new PgIngestStore(dataSource),
      registration: catalogRegistration(responseDaysOf(this.config), () => history, Date.now),
      destroy: () => dataSource.destroy(),
    };
    this.app = await createConsoleApp(this.config, this.clock);
    await this.app.listen(0, '127.0.0.1');
    const server: http.Server = this.app.getHttpServer();
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await this.app.get(NotifierIntake).ready;
    return this;
  }

  /** Closes the console as a deploy does (graceful: work in flight finishes) and starts it again. */
  async restartConsole(): Promise<void> {
    await this.app?.close();
    this.app = await createConsoleApp(this.config, this.clock);
    await this.app.listen(0, '127.0.0.1');
    const server: http.Server = this.app.getHttpServer();
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    this.tokens.clear();
    await this.app.get(NotifierIntake).ready;
  }

  async tearDown(): Promise<void> {
    await this.app?.close();
    await this.store?.destroy();
    await this.client?.end();
    await this.admin.deleteTopics({ topics: Object.values(this.topics) }).catch(() => undefined);
    await this.producer.disconnect();
    await this.admin.disconnect();
    await dropDatabase(this.config, this.databaseName);
  }

  async query<Row>(sql: string, parameters: unknown[] = []): Promise<Row[]> {
    if (!this.client) throw new Error('not set up');
    return (await this.client.query(sql, parameters)).rows as Row[];
  }

  /** Raises signals the way the pipeline does: registered, with their outbox rows, in one transaction. */
  async raise(signals: Signal[]): Promise<void> {
    await this.writeSignals({ fresh: signals, corrections: [], retractions: [] });
  }

  /** Retracts a signal the way the pipeline does: with its audit entry and outbox row, in one transaction. */
  async retract(alertKey: string, reason: string): Promise<void> {
    await this.writeSignals({ fresh: [], corrections: [], retractions: [{ alertKey, reason }] });
  }

  private async writeSignals(changes: SignalChanges): Promise<void> {
    const store = this.store;
    if (!store) throw new Error('not set up');
    await store.ingest.transaction((tx) => writeSignalChanges(tx, changes, store.registration));
  }

  async call<Body = unknown>(
    method: string,
    route: string,
    options: { as?: string } & RestCallOptions = {},
  ): Promise<HttpAnswer<Body>> {
    const { as: username, ...request } = options;
    const token = request.token ?? (username ? await this.login(username) : undefined);
    return restCall<Body>(this.baseUrl, method, route, { ...request, token });
  }

  /** A login token of a demo user (cached). */
  async login(username: string): Promise<string> {
    const cached = this.tokens.get(username);
    if (cached) return cached;
    const answer = await this.call<{ token: string }>('POST', '/api/auth/login', {
      body: { username, password: DEMO_PASSWORD },
    });
    if (answer.status !== 200)
      throw new Error(`login of ${username} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    this.tokens.set(username, answer.body.token);
    return answer.body.token;
  }

  /** Sends approval events to this bed's events topic, keyed by caseId. */
  async produceEvents(events: { caseId: string }[]): Promise<void> {
    await this.producer.send({
      topic: this.topics.events,
      acks: -1,
      messages: events.map((event) => ({ key: event.caseId, value: JSON.stringify(event) })),
    });
  }
}

export { ReceivedRequest, WebhookReceiver } from './webhook-receiver';

/** The pipeline as `npm run demo` starts it, against a console test bed's database and topics. */
export class PipelineChild {
  output = '';
  readonly port = 3700 + Math.floor(Math.random() * 200);
  private child: ChildProcess | undefined;

  constructor(private readonly bed: ConsoleTestBed) {}

  async start(): Promise<void> {
    const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`build failed: ${built.stderr}`);
    const child = spawn(process.execPath, ['dist/apps/pipeline/src/main.js'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        ...this.bed.environment(),
        PIPELINE_GROUP_ID: `it-pipeline-${this.bed.suffix}`,
        PIPELINE_HTTP_PORT: String(this.port),
        TIMER_GRACE_MS: '0',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    await eventually(
      'the pipeline to be healthy',
      async () => {
        if (child.exitCode !== null)
          throw new Error(`pipeline exited ${child.exitCode}: ${this.output.slice(-2000)}`);
        const response = await fetch(`http://127.0.0.1:${this.port}/health`);
        return response.ok ? true : undefined;
      },
      90_000,
      250,
    );
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
