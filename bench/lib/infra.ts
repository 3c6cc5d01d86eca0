// Real infrastructure of the benchmark's own: a database per run (created and migrated with the
// launcher's ensureDatabases, dropped after) and topics on the shared broker (deleted after).
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { databaseUrl, loadConfig, type AppConfig } from '@app/platform';
import {
  ensureDatabases,
  findBrokerProcesses,
  infraPaths,
  isAlive,
  kafkaStatus,
  repoRoot as findRepoRoot,
} from '../../deploy/local';
import { dropDatabase } from '../../test/support/own-database';
import { OwnTopics } from '../../test/support/own-topics';

/** The repository root, from the sources or from dist/. */
export const repoRoot = findRepoRoot(__dirname);

export function benchConfig(): AppConfig {
  return loadConfig(process.env);
}

const shortId = () => randomUUID().replace(/-/g, '').slice(0, 8);

/** Names carry the pid of the run that made them, so a later run removes only what a dead run left. */
const ownerOf = (name: string) => Number(/(?:_|\.)p(\d+)(?:_|\.)/.exec(name)?.[1] ?? Number.NaN);
const leftover = (name: string) => {
  const pid = ownerOf(name);
  return Number.isInteger(pid) && pid !== process.pid && !isAlive(pid);
};

/** A database of the benchmark's own, migrated; `drop()` removes it. */
export class BenchDatabase {
  readonly name: string;

  constructor(
    private readonly config: AppConfig,
    label: string,
  ) {
    this.name = `jiancha_bench_${label}_p${process.pid}_${shortId()}`;
  }

  get url(): string {
    return databaseUrl(this.config, this.name);
  }

  async create(): Promise<this> {
    const quiet = process.env.BENCH_VERBOSE ? undefined : silenceLauncher();
    try {
      await ensureDatabases(this.config, [this.name]);
    } finally {
      quiet?.();
    }
    return this;
  }

  async client(): Promise<Client> {
    const client = new Client({ connectionString: this.url, application_name: 'jiancha-bench' });
    await client.connect();
    return client;
  }

  /** Runs SQL on this database (a schema experiment of bench/ab.ts). */
  async run(sql: string): Promise<void> {
    const client = await this.client();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  async drop(): Promise<void> {
    await dropDatabase(this.config, this.name);
  }
}

/** The launcher says "[infra] created database ..." for every run's database: keep the terminal readable. */
function silenceLauncher(): () => void {
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'string' && chunk.startsWith('[infra] ') && chunk.includes('jiancha_bench_'))
      return true;
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write;
  return () => {
    process.stderr.write = write;
  };
}

/** Databases a killed earlier bench run left behind (jiancha_bench_*_p<dead pid>_*), dropped at the start. */
export async function dropLeftoverDatabases(config: AppConfig): Promise<string[]> {
  const admin = new Client({ connectionString: databaseUrl(config, 'postgres') });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'jiancha\\_bench\\_%'`,
    );
    const names = rows.map((r) => r.datname).filter(leftover);
    for (const name of names) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    return names;
  } finally {
    await admin.end();
  }
}

export function benchKafka(config: AppConfig, clientId = 'jiancha-bench'): Kafka {
  return new Kafka({ clientId, brokers: config.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
}

/** A topic (with its dead-letter and alert topics) of the benchmark's own on the shared broker. */
export class BenchTopic extends OwnTopics {
  produced = 0;

  constructor(config: AppConfig, partitions = config.KAFKA_PARTITIONS) {
    super(`bench.approval.events.p${process.pid}.${shortId()}`, partitions, benchKafka(config), {
      allowAutoTopicCreation: false,
    });
  }

  /** Sends keyed messages in chunks, a few requests in flight. */
  async produce(messages: { key: string; value: Buffer }[], chunk = 2000, inFlight = 4): Promise<void> {
    const pending = new Set<Promise<unknown>>();
    for (let i = 0; i < messages.length; i += chunk) {
      const sent = this.producer.send({ topic: this.name, acks: -1, messages: messages.slice(i, i + chunk) });
      pending.add(sent);
      void sent.finally(() => pending.delete(sent)).catch(() => undefined);
      if (pending.size >= inFlight) await Promise.race(pending);
    }
    await Promise.all(pending);
    this.produced += messages.length;
  }

  async endOffsets(): Promise<number> {
    const ends = await this.admin.fetchTopicOffsets(this.name);
    return ends.reduce((sum, end) => sum + Number(end.high) - Number(end.low), 0);
  }

  /** Never fails: a run removes what it can, even once the broker has gone away. */
  override async dispose(): Promise<void> {
    await super.dispose().catch(() => undefined);
  }
}

/**
 * The environment of an app process (pipeline, console) that works on a database and topics of the
 * benchmark's own, quietly and as in production.
 */
export function appEnvironment(
  config: AppConfig,
  database: BenchDatabase,
  topic: BenchTopic,
): Record<string, string> {
  return {
    DATABASE_URL: database.url,
    DATABASE_NAME: database.name,
    KAFKA_BROKERS: config.KAFKA_BROKERS,
    TOPIC_APPROVAL_EVENTS: topic.name,
    TOPIC_DEAD_LETTERS: topic.deadLetters,
    TOPIC_ALERTS: topic.alerts,
    LOG_LEVEL: 'warn',
    // explicit: the wall page's Vite build (scripts/build.mjs) sets NODE_ENV=production in the
    // process that runs it, so an inherited value depends on whether the page was just built
    NODE_ENV: 'production',
  };
}

/** Topics a killed earlier bench run left behind (bench.*.p<dead pid>.*), deleted at the start. */
export async function deleteLeftoverTopics(config: AppConfig): Promise<string[]> {
  const admin = benchKafka(config).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith('bench.') && leftover(t));
    if (topics.length > 0) await admin.deleteTopics({ topics });
    return topics;
  } finally {
    await admin.disconnect();
  }
}

/** The broker's pid (the launcher's), or undefined when it runs but was not started by it. */
export async function brokerPid(config: AppConfig): Promise<number | undefined> {
  const status = await kafkaStatus(config);
  if (status.pid !== null) return status.pid;
  return findBrokerProcesses(infraPaths(config).serverProperties)[0];
}

/**
 * PostgreSQL processes that work for a database: its backends (pg_stat_activity) plus the
 * server's background processes (WAL writer, checkpointer, background writer, autovacuum), which
 * are shared with anything else the server does at the time.
 */
export async function postgresPids(
  admin: Client,
  database: string,
): Promise<{ backends: number[]; background: number[] }> {
  const { rows } = await admin.query<{ pid: number; datname: string | null; backend_type: string }>(
    `SELECT pid, datname, backend_type FROM pg_stat_activity WHERE pid <> pg_backend_pid()`,
  );
  return {
    backends: rows.filter((r) => r.datname === database).map((r) => r.pid),
    background: rows
      .filter((r) => r.datname === null && r.backend_type !== 'client backend')
      .map((r) => r.pid),
  };
}
