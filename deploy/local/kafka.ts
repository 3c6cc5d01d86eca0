import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { Admin, Kafka, ITopicConfig, logLevel } from 'kafkajs';
import type { AppConfig } from '@app/platform';
import { InfraPaths, infraPaths } from './paths';
import { requireJava, requireMaven } from './prerequisites';
import {
  findBrokerProcesses,
  isAlive,
  isBrokerProcess,
  portAnswers,
  readPid,
  waitForExit,
  withLock,
} from './processes';
import { dots, say, seconds, sleep } from './progress';

/** The local broker listens on the loopback address only (never `localhost`, which may be ::1). */
export const KAFKA_HOST = '127.0.0.1';

/** Flags that suit a 2-core machine; the broker needs far less than the JVM's default heap. */
export const KAFKA_JVM_FLAGS = [
  '-Xms256m',
  '-Xmx512m',
  '-XX:+UseSerialGC',
  '-XX:TieredStopAtLevel=1',
  '-XX:+ExitOnOutOfMemoryError',
  '-Djava.awt.headless=true',
];

export interface KafkaOptions {
  /** How long to wait for the broker to answer a client; default 60 s. */
  timeoutMs?: number;
}

export interface KafkaUpResult {
  /** `127.0.0.1:<KAFKA_PORT>`: what KAFKA_BROKERS should be for clients of this broker. */
  brokers: string;
  /** The broker's pid, or null when a broker of unknown origin answers on the port. */
  pid: number | null;
  /** True when this call started the broker (so its caller may stop it again). */
  started: boolean;
  /** The pid of a dead broker whose pid file this call removed, if any. */
  stalePid: number | null;
  clusterId: string;
  topicsCreated: string[];
}

export interface KafkaStatus {
  running: boolean;
  pid: number | null;
  port: number;
  brokers: string;
  /** A kafkajs admin client connected and described the cluster. */
  connects: boolean;
  clusterId: string | null;
  serverLog: string;
}

export interface KafkaDownResult {
  /** The pid that was stopped, or null when no broker of this launcher was running. */
  pid: number | null;
  /** True when SIGTERM was not enough and the broker was killed. */
  killed: boolean;
}

export function kafkaBrokerAddress(config: AppConfig): string {
  return `${KAFKA_HOST}:${config.KAFKA_PORT}`;
}

/** The pipeline's topics: events keyed by caseId, their dead letters, alert changes keyed by department. */
export function pipelineTopics(
  names: { events: string; deadLetters: string; alerts: string },
  partitions: number,
): ITopicConfig[] {
  return [
    { topic: names.events, numPartitions: partitions, replicationFactor: 1 },
    { topic: names.deadLetters, numPartitions: 1, replicationFactor: 1 },
    { topic: names.alerts, numPartitions: partitions, replicationFactor: 1 },
  ];
}

/** The project's topics, as configured. */
export function projectTopics(config: AppConfig): ITopicConfig[] {
  return pipelineTopics(
    {
      events: config.TOPIC_APPROVAL_EVENTS,
      deadLetters: config.TOPIC_DEAD_LETTERS,
      alerts: config.TOPIC_ALERTS,
    },
    config.KAFKA_PARTITIONS,
  );
}

function quietAdmin(config: AppConfig, retries: number): Admin {
  return new Kafka({
    clientId: `${config.KAFKA_CLIENT_ID}-launcher`,
    brokers: [kafkaBrokerAddress(config)],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 5000,
    retry: { retries },
  }).admin();
}

/** One attempt: the cluster id when an admin client connects and describes the cluster, else null. */
export async function describeKafka(config: AppConfig): Promise<string | null> {
  if (!(await portAnswers(KAFKA_HOST, config.KAFKA_PORT))) return null;
  const admin = quietAdmin(config, 0);
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0 ? cluster.clusterId : null;
  } catch {
    return null;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Polls `describeCluster()` until it succeeds; `failure()` names a reason to stop early (the JVM died). */
export async function waitForKafka(
  config: AppConfig,
  timeoutMs = 60_000,
  failure: () => string | null = () => null,
): Promise<string> {
  const started = Date.now();
  const progress = dots(`waiting for Kafka on ${kafkaBrokerAddress(config)}`);
  for (;;) {
    const clusterId = await describeKafka(config);
    if (clusterId !== null) {
      progress.done(`answers (${seconds(Date.now() - started)})`);
      return clusterId;
    }
    const reason = failure();
    if (reason !== null) {
      progress.done('failed');
      throw new Error(reason);
    }
    if (Date.now() - started > timeoutMs) {
      progress.done('timed out');
      throw new Error(`Kafka did not answer on ${kafkaBrokerAddress(config)} within ${seconds(timeoutMs)}`);
    }
    progress.tick();
    await sleep(500);
  }
}

/**
 * The broker's jars, fetched once from Maven Central into `<INFRA_HOME>/kafka-<version>/libs`.
 * The marker file is written only after Maven copied everything, so an interrupted fetch is redone.
 */
export async function ensureKafkaDistribution(
  config: AppConfig,
  paths = infraPaths(config),
): Promise<string> {
  if (existsSync(paths.fetchedMarker)) return paths.libs;
  requireMaven(config.KAFKA_VERSION);
  say(`fetching Apache Kafka ${config.KAFKA_VERSION} from Maven Central (first run only)...`);
  const started = Date.now();
  rmSync(paths.libs, { recursive: true, force: true });
  mkdirSync(paths.libs, { recursive: true });
  const args = [
    '-q',
    '-B',
    '-Dstyle.color=never',
    '-f',
    paths.pom,
    `-Dkafka.version=${config.KAFKA_VERSION}`,
    'org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${paths.libs}`,
  ];
  const progress = dots('mvn dependency:copy-dependencies');
  const timer = setInterval(() => progress.tick(), 2000);
  const exit = await new Promise<number | string>((resolve) => {
    const maven = spawn('mvn', args, { env: process.env, stdio: ['ignore', 'inherit', 'inherit'] });
    maven.once('error', (error) => resolve(error.message));
    maven.once('exit', (code, signal) => resolve(code ?? `signal ${signal}`));
  }).finally(() => clearInterval(timer));
  const brokerJar = `kafka_2.13-${config.KAFKA_VERSION}.jar`;
  if (exit !== 0 || !existsSync(`${paths.libs}/${brokerJar}`)) {
    progress.done('failed');
    throw new Error(
      `Maven could not fetch Apache Kafka ${config.KAFKA_VERSION} (exit ${exit}); ` +
        'check the network access to Maven Central and the output above',
    );
  }
  writeFileSync(paths.fetchedMarker, `kafka ${config.KAFKA_VERSION} fetched ${new Date().toISOString()}\n`);
  progress.done(`${readdirSync(paths.libs).length} jars in ${seconds(Date.now() - started)}`);
  return paths.libs;
}

function serverProperties(config: AppConfig, paths: InfraPaths): string {
  const settings: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@${KAFKA_HOST}:${config.KAFKA_CONTROLLER_PORT}`,
    listeners: `PLAINTEXT://${KAFKA_HOST}:${config.KAFKA_PORT},CONTROLLER://${KAFKA_HOST}:${config.KAFKA_CONTROLLER_PORT}`,
    'advertised.listeners': `PLAINTEXT://${KAFKA_HOST}:${config.KAFKA_PORT}`,
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': paths.dataDir,
    'num.network.threads': 2,
    'num.io.threads': 2,
    'num.partitions': 1,
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 1,
    'group.initial.rebalance.delay.ms': 0,
    // topics are created by the launcher with their partition counts, never by a typo in a client
    'auto.create.topics.enable': false,
  };
  const lines = Object.entries(settings).map(([key, value]) => `${key}=${value}`);
  return `# Written by deploy/local/kafka.ts on every start; edit the launcher, not this file.\n${lines.join('\n')}\n`;
}

function log4jProperties(paths: InfraPaths): string {
  return [
    'log4j.rootLogger=INFO, file',
    'log4j.appender.file=org.apache.log4j.RollingFileAppender',
    `log4j.appender.file.File=${paths.serverLog}`,
    'log4j.appender.file.MaxFileSize=10MB',
    'log4j.appender.file.MaxBackupIndex=3',
    'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
    'log4j.logger.state.change.logger=WARN',
    'log4j.logger.kafka.request.logger=WARN',
    'log4j.logger.kafka.log.LogCleaner=WARN',
    '',
  ].join('\n');
}

const toolsLog4j = [
  'log4j.rootLogger=WARN, stderr',
  'log4j.appender.stderr=org.apache.log4j.ConsoleAppender',
  'log4j.appender.stderr.Target=System.err',
  'log4j.appender.stderr.layout=org.apache.log4j.PatternLayout',
  'log4j.appender.stderr.layout.ConversionPattern=%p %m (%c)%n',
  '',
].join('\n');

/** A Kafka cluster id: 16 random bytes, URL-safe base64 without padding (as `kafka-storage random-uuid`). */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function formattedClusterId(paths: InfraPaths): string | null {
  try {
    const meta = readFileSync(`${paths.dataDir}/meta.properties`, 'utf8');
    return /^cluster\.id=(.+)$/m.exec(meta)?.[1]?.trim() ?? null;
  } catch {
    return null;
  }
}

/** Formats the log folder once; the cluster id is kept in a file beside it. */
function formatStorage(config: AppConfig, paths: InfraPaths): string {
  const existing = formattedClusterId(paths);
  if (existing !== null) {
    writeFileSync(paths.clusterIdFile, `${existing}\n`);
    return existing;
  }
  let clusterId = existsSync(paths.clusterIdFile) ? readFileSync(paths.clusterIdFile, 'utf8').trim() : '';
  if (!clusterId) clusterId = newClusterId();
  writeFileSync(paths.clusterIdFile, `${clusterId}\n`);
  say(`formatting the KRaft log folder ${paths.dataDir} (cluster ${clusterId})...`);
  const result = spawnSync(
    'java',
    [
      ...KAFKA_JVM_FLAGS,
      `-Dlog4j.configuration=file:${paths.toolsLog4jProperties}`,
      '-cp',
      `${paths.libs}/*`,
      'kafka.tools.StorageTool',
      'format',
      '-t',
      clusterId,
      '-c',
      paths.serverProperties,
      '--ignore-formatted',
    ],
    { env: process.env, encoding: 'utf8', timeout: 120_000 },
  );
  if (result.status !== 0) {
    throw new Error(
      `formatting the Kafka log folder failed (exit ${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`,
    );
  }
  return clusterId;
}

function tail(file: string, lines = 25): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}

/** The pid of this launcher's broker on the configured port: from the pid file, or found in /proc. */
function managedPid(paths: InfraPaths): { pid: number | null; stalePid: number | null } {
  const recorded = readPid(paths.pidFile);
  if (recorded !== null && isBrokerProcess(recorded, paths.serverProperties))
    return { pid: recorded, stalePid: null };
  const [found] = findBrokerProcesses(paths.serverProperties);
  if (found !== undefined) {
    say(`found the broker running as pid ${found} without a valid pid file; adopting it`);
    writeFileSync(paths.pidFile, `${found}\n`);
    return { pid: found, stalePid: recorded };
  }
  if (recorded !== null) {
    say(`removing the stale pid file (pid ${recorded} is not running)`);
    rmSync(paths.pidFile, { force: true });
  }
  return { pid: null, stalePid: recorded };
}

/** Creates the project's topics that are missing (auto-creation is off); returns the created names. */
export async function ensureTopics(config: AppConfig): Promise<string[]> {
  const admin = quietAdmin(config, 8);
  try {
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const missing = projectTopics(config).filter((topic) => !existing.has(topic.topic));
    if (missing.length > 0) await admin.createTopics({ topics: missing, waitForLeaders: true });
    const metadata = await admin.fetchTopicMetadata({ topics: [config.TOPIC_APPROVAL_EVENTS] });
    const partitions = metadata.topics[0]?.partitions.length ?? 0;
    if (partitions < config.KAFKA_PARTITIONS) {
      say(
        `warning: ${config.TOPIC_APPROVAL_EVENTS} has ${partitions} partitions, KAFKA_PARTITIONS is ` +
          `${config.KAFKA_PARTITIONS}; the launcher does not repartition existing topics`,
      );
    }
    return missing.map((topic) => topic.topic);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

function startBroker(config: AppConfig, paths: InfraPaths): { pid: number; failure: () => string | null } {
  writeFileSync(paths.log4jProperties, log4jProperties(paths));
  const output = openSync(paths.consoleLog, 'a');
  const broker = spawn(
    'java',
    [
      ...KAFKA_JVM_FLAGS,
      `-Dlog4j.configuration=file:${paths.log4jProperties}`,
      `-Dkafka.logs.dir=${paths.logDir}`,
      '-cp',
      `${paths.libs}/*`,
      'kafka.Kafka',
      paths.serverProperties,
    ],
    { cwd: paths.state, env: process.env, detached: true, stdio: ['ignore', output, output] },
  );
  closeSync(output);
  let exited: string | null = null;
  broker.once('error', (error) => (exited = error.message));
  broker.once('exit', (code, signal) => (exited = `exit code ${code ?? signal}`));
  broker.unref();
  if (broker.pid === undefined) throw new Error('java could not be started');
  const pid = broker.pid;
  writeFileSync(paths.pidFile, `${pid}\n`);
  say(`started Kafka ${config.KAFKA_VERSION} (pid ${pid}); log ${paths.serverLog}`);
  const failure = () => {
    if (exited === null && isAlive(pid)) return null;
    return (
      `the Kafka broker exited during startup (${exited ?? 'gone'}); last lines of ${paths.serverLog}:\n` +
      `${tail(paths.serverLog)}\n--- ${paths.consoleLog}:\n${tail(paths.consoleLog, 10)}`
    );
  };
  return { pid, failure };
}

/**
 * Brings up the single-node KRaft broker on 127.0.0.1:KAFKA_PORT and the project's topics.
 * Idempotent: a running broker of this launcher is reused, a stale pid file is removed, and a
 * broker of unknown origin that answers on the port is reused (and reported as such).
 */
export async function kafkaUp(config: AppConfig, options: KafkaOptions = {}): Promise<KafkaUpResult> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const paths = infraPaths(config);
  requireJava(config.KAFKA_VERSION);
  mkdirSync(paths.logDir, { recursive: true });
  return withLock(paths.lockFile, async () => {
    const brokers = kafkaBrokerAddress(config);
    const managed = managedPid(paths);
    let stalePid = managed.stalePid;
    const running = managed.pid;
    if (running !== null) {
      try {
        const clusterId =
          (await describeKafka(config)) ??
          (await waitForKafka(config, timeoutMs, () =>
            isAlive(running) ? null : `the Kafka broker (pid ${running}) exited; see ${paths.serverLog}`,
          ));
        say(`Kafka is already running on ${brokers} (pid ${running}); reusing it`);
        const topicsCreated = await ensureTopics(config);
        return { brokers, pid: running, started: false, stalePid, clusterId, topicsCreated };
      } catch (error) {
        if (isAlive(running)) throw error;
        // it was dying (a kill -9 just before this call, say): start a new one below
        say(`the broker (pid ${running}) exited while this launcher waited for it; starting a new one`);
        rmSync(paths.pidFile, { force: true });
        stalePid = running;
      }
    }
    if (await portAnswers(KAFKA_HOST, config.KAFKA_PORT)) {
      const clusterId = await describeKafka(config);
      if (clusterId === null) {
        throw new Error(
          `port ${config.KAFKA_PORT} is in use by something that is not a Kafka broker; ` +
            'stop it or choose another KAFKA_PORT',
        );
      }
      say(
        `a Kafka broker answers on ${brokers} but was not started by this launcher (pid unknown); reusing it`,
      );
      const topicsCreated = await ensureTopics(config);
      return { brokers, pid: null, started: false, stalePid, clusterId, topicsCreated };
    }
    if (stalePid !== null && !(await waitForExit(stalePid, 10_000))) {
      throw new Error(`the previous broker (pid ${stalePid}) is still exiting; try again`);
    }
    if (await portAnswers(KAFKA_HOST, config.KAFKA_CONTROLLER_PORT)) {
      throw new Error(
        `controller port ${config.KAFKA_CONTROLLER_PORT} is in use; stop that program or choose another KAFKA_CONTROLLER_PORT`,
      );
    }
    await ensureKafkaDistribution(config, paths);
    mkdirSync(paths.dataDir, { recursive: true });
    writeFileSync(paths.serverProperties, serverProperties(config, paths));
    writeFileSync(paths.toolsLog4jProperties, toolsLog4j);
    formatStorage(config, paths);
    // Kafka's data/.lock is an OS file lock: a killed broker releases it with its process, so a
    // leftover file is harmless once no broker process of this folder is alive (checked above).
    const broker = startBroker(config, paths);
    let clusterId: string;
    try {
      clusterId = await waitForKafka(config, timeoutMs, broker.failure);
    } catch (error) {
      if (isAlive(broker.pid)) process.kill(broker.pid, 'SIGKILL');
      rmSync(paths.pidFile, { force: true });
      throw error;
    }
    const topicsCreated = await ensureTopics(config);
    if (topicsCreated.length > 0) say(`created topics ${topicsCreated.join(', ')}`);
    return { brokers, pid: broker.pid, started: true, stalePid, clusterId, topicsCreated };
  });
}

/** Stops this launcher's broker: SIGTERM, up to 30 s for a clean shutdown, then SIGKILL. */
export async function kafkaDown(config: AppConfig): Promise<KafkaDownResult> {
  const paths = infraPaths(config);
  mkdirSync(paths.state, { recursive: true });
  return withLock(paths.lockFile, async () => {
    const { pid } = managedPid(paths);
    if (pid === null) {
      if (await portAnswers(KAFKA_HOST, config.KAFKA_PORT)) {
        say(
          `a broker answers on ${kafkaBrokerAddress(config)} but was not started by this launcher; not stopping it`,
        );
      } else {
        say('Kafka is not running');
      }
      return { pid: null, killed: false };
    }
    say(`stopping Kafka (pid ${pid})...`);
    const started = Date.now();
    process.kill(pid, 'SIGTERM');
    let killed = false;
    if (!(await waitForExit(pid, 30_000))) {
      say(`Kafka (pid ${pid}) did not stop within 30 s; killing it`);
      process.kill(pid, 'SIGKILL');
      killed = true;
      if (!(await waitForExit(pid, 10_000))) throw new Error(`Kafka (pid ${pid}) survived SIGKILL`);
    }
    rmSync(paths.pidFile, { force: true });
    say(`Kafka stopped (${seconds(Date.now() - started)})`);
    return { pid, killed };
  });
}

/** Whether the broker runs (pid) and answers a client; never starts or stops anything. */
export async function kafkaStatus(config: AppConfig): Promise<KafkaStatus> {
  const paths = infraPaths(config);
  const recorded = readPid(paths.pidFile);
  const pid =
    recorded !== null && isBrokerProcess(recorded, paths.serverProperties)
      ? recorded
      : (findBrokerProcesses(paths.serverProperties)[0] ?? null);
  const clusterId = await describeKafka(config);
  return {
    running: pid !== null || clusterId !== null,
    pid,
    port: config.KAFKA_PORT,
    brokers: kafkaBrokerAddress(config),
    connects: clusterId !== null,
    clusterId,
    serverLog: paths.serverLog,
  };
}
