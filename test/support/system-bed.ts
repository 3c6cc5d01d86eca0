// The whole system as `npm run demo` runs it, for the end-to-end and fault suites: the pipeline and
// console processes (killable, restartable on the same port) against a database and Kafka topics
// of the test's own. By default the database is on the shared PostgreSQL server and the topics on
// the shared broker; a fault test may bring a database on a cluster it owns or a broker it owns.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApprovalEvent, ApprovalEventOf, EventType, PayloadByType } from '@app/contracts';
import { ConsoleProcess } from './console-process';
import { buildApps, PipelineProcess, TestDatabase, TestTopic } from './pipeline-harness';
import { eventually, repoRoot } from './service-process';
import { freePort } from './throwaway-postgres';

export const CATALOG_DIR = path.join(repoRoot, 'deploy/catalog/demo');

/** What the bed needs of a database: where it is, and a way to look into it. */
export interface BedDatabase {
  readonly url: string;
  readonly name: string;
  create(): Promise<void>;
  query<Row>(sql: string, parameters?: unknown[]): Promise<Row[]>;
  count(table: string, where?: string): Promise<number>;
  drop(): Promise<void>;
}

export interface SystemBedOptions {
  demoPassword: string;
  database?: BedDatabase;
  topic?: TestTopic;
  /** More environment for every process (e.g. KAFKA_BROKERS of a broker the test owns). */
  environment?: Record<string, string>;
  consoleEnvironment?: Record<string, string>;
  pipelineEnvironment?: Record<string, string>;
}

export class SystemBed {
  readonly database: BedDatabase;
  readonly topic: TestTopic;
  pipeline!: PipelineProcess;
  readonly consoles: ConsoleProcess[] = [];
  readonly suffix = randomUUID().slice(0, 8);
  private readonly tokens = new Map<string, string>();

  constructor(readonly options: SystemBedOptions) {
    this.database = options.database ?? new TestDatabase();
    this.topic = options.topic ?? new TestTopic(3);
  }

  get notifierGroupId(): string {
    return `bed-notifier-${this.suffix}`;
  }

  consoleEnvironment(): Record<string, string> {
    return {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: this.database.url,
      DATABASE_NAME: this.database.name,
      TOPIC_APPROVAL_EVENTS: this.topic.name,
      TOPIC_DEAD_LETTERS: this.topic.deadLetters,
      TOPIC_ALERTS: this.topic.alerts,
      CATALOG_DIR,
      DEMO_SEED_USERS: 'true',
      DEMO_PASSWORD: this.options.demoPassword,
      NOTIFIER_GROUP_ID: this.notifierGroupId,
      SIGNAL_REGISTRAR_INTERVAL_MS: '200',
      OVERDUE_SWEEP_INTERVAL_MS: '1000',
      ...this.options.environment,
      ...this.options.consoleEnvironment,
    };
  }

  /** Starts the pipeline and the consoles: a count of alike ones, or each one's own environment (e.g. its CONSOLE_ROLES). */
  async setUp(consoles: number | Record<string, string>[]): Promise<this> {
    const consoleEnvironments =
      typeof consoles === 'number' ? Array.from({ length: consoles }, () => ({})) : consoles;
    buildApps();
    await this.database.create();
    await this.topic.create();
    this.pipeline = new PipelineProcess(this.database, this.topic, {
      CATALOG_DIR,
      TIMER_GRACE_MS: '0',
      ...this.options.environment,
      ...this.options.pipelineEnvironment,
    });
    const pipelineUp = this.pipeline.start();
    // one after the other: the first creates the demo users and the development signing key
    for (const [i, own] of consoleEnvironments.entries()) {
      const instance = new ConsoleProcess(String.fromCharCode(65 + i), await freePort(), {
        ...this.consoleEnvironment(),
        ...own,
      });
      this.consoles.push(instance);
      await instance.start();
    }
    await pipelineUp;
    return this;
  }

  /** The processes' output, kept in a file for when a test fails. */
  saveOutput(label: string): string {
    const file = path.join(os.tmpdir(), `${label}-${this.suffix}.log`);
    const sections = [
      `== pipeline\n${this.pipeline?.output ?? ''}`,
      ...this.consoles.map((c) => `== ${c.name} (${c.url})\n${c.output}`),
    ];
    writeFileSync(file, sections.join('\n'));
    return file;
  }

  async tearDown(): Promise<void> {
    await Promise.all(this.consoles.map((c) => c.stop()));
    await this.pipeline?.stop();
    await this.topic.dispose();
    await this.database.drop();
  }

  /** Sends approval events to the pipeline's topic, keyed by caseId; resolves once Kafka has them. */
  async produce(events: { caseId: string }[]): Promise<void> {
    await this.topic.produce(events.map((event) => ({ key: event.caseId, value: JSON.stringify(event) })));
  }

  /**
   * Sends a backlog while the pipeline is stopped, as business systems flush their queues (a case's
   * events then arrive together, and no deadline fires before the event that stops it), restarts
   * the pipeline and waits until every event is stored.
   */
  async flushBacklog(events: { caseId: string }[], timeoutMs = 180_000): Promise<void> {
    await this.pipeline.stop();
    await this.produce(events);
    await this.pipeline.start();
    await eventually(
      'the pipeline to store the backlog',
      async () => ((await this.database.count('audit_events')) >= events.length ? true : undefined),
      timeoutMs,
      500,
    );
  }

  /** A login token of a demo user on a console instance (cached per username). */
  async loginToken(instance: ConsoleProcess, username: string): Promise<string> {
    const cached = this.tokens.get(username);
    if (cached) return cached;
    const response = await fetch(`${instance.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: this.options.demoPassword }),
    });
    if (!response.ok) throw new Error(`login of ${username}: ${response.status}`);
    const token = ((await response.json()) as { token: string }).token;
    this.tokens.set(username, token);
    return token;
  }

  /** Waits until every change in the outbox has been published to Kafka. */
  async outboxPublished(timeoutMs = 60_000): Promise<void> {
    await eventually(
      'the outbox to be published',
      async () =>
        (await this.database.count('signal_outbox', 'published_at IS NULL')) === 0 ? true : undefined,
      timeoutMs,
    );
  }
}

/** What every event of an end-to-end case carries. */
export interface CaseEnvelope {
  schemaVersion: 1;
  caseId: string;
  itemCode: string;
  departmentId: string;
}

/** One event of an end-to-end case: its id is the case id and `step`, its time `occurredAt` (ms). */
export function caseEvent<T extends EventType>(
  envelope: CaseEnvelope,
  step: string,
  type: T,
  occurredAt: number,
  payload: PayloadByType[T],
): ApprovalEventOf<T> {
  const event = {
    ...envelope,
    eventId: `${envelope.caseId}-${step}`,
    type,
    occurredAt: new Date(occurredAt).toISOString(),
    payload,
  };
  return event as unknown as ApprovalEventOf<T>;
}

/** A case's first event: its application handed in at the window two minutes before `now`. */
export function submittedAtWindow(envelope: CaseEnvelope, now: number): ApprovalEventOf<'case.submitted'> {
  return caseEvent(envelope, 'submitted', 'case.submitted', now - 120_000, {
    channel: 'window',
    materials: ['申请书'],
  });
}

const WINDOW_CLERK = { id: 'w-1', name: '窗口受理员' };

/** A licensing case whose fee is not in the catalogue: the pipeline raises FEE_NOT_IN_CATALOG (red). */
export function unauthorisedFeeCase(departmentId: string, itemCode: string, now = Date.now()) {
  const caseId = `E2E-${departmentId.toUpperCase()}-${randomUUID().slice(0, 6)}`;
  const envelope: CaseEnvelope = { schemaVersion: 1, caseId, itemCode, departmentId };
  const submitted: ApprovalEvent = { ...submittedAtWindow(envelope, now), actor: WINDOW_CLERK };
  const accepted: ApprovalEvent = {
    ...caseEvent(envelope, 'accepted', 'case.accepted', now - 90_000, {}),
    actor: WINDOW_CLERK,
  };
  const fee: ApprovalEvent = {
    ...caseEvent(envelope, 'fee', 'fee.assessed', now - 1_000, {
      feeCode: 'FEE-NOT-IN-ANY-CATALOG',
      amount: 50_000,
    }),
    actor: { id: 'c-2', name: '收费经办人' },
  };
  return {
    caseId,
    departmentId,
    alertKey: `${caseId}|FEE_NOT_IN_CATALOG|${fee.eventId}`,
    submitted,
    accepted,
    fee,
  };
}

export type FeeCase = ReturnType<typeof unauthorisedFeeCase>;
