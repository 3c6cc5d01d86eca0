import { setTimeout as sleep } from 'node:timers/promises';
import { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { Clock, OutboxRelay } from '@app/platform';
import type { IngestStore } from '@app/persistence';
import { BatchIngestor, BatchOutcome, type RawMessage } from '@app/ingest';
import { AssignmentAnnouncer } from './assignment-announcer';
import { FetchGatherer, GATHER_MAX_MESSAGES } from './fetch-gatherer';
import { PipelineMetrics } from '../pipeline.metrics';
import { PartitionExecutors } from '../serial-executor';
import type { TimerWheel } from '../timers/timer-wheel';

export interface ConsumerSettings {
  topic: string;
  groupId: string;
  sessionTimeoutMs: number;
  graceMs: number;
  /** Backoff between attempts when the store is unreachable. */
  retryInitialMs: number;
  retryMaxMs: number;
  /** The topic's partitions: the batches of one fetch handed over at once, to be gathered. */
  partitions: number;
}

/** What a durable batch is followed by: its cases' deadlines, and the outbox relay. */
export interface BatchFollowers {
  /** The deadlines of the partitions this instance owns. */
  wheel: TimerWheel;
  /** Publishes the outbox the batch appended to; kicked once the batch is durable. */
  relay: OutboxRelay;
  /** Where an assigned partition's deadlines are loaded from. */
  store: IngestStore;
}

/**
 * Consumes `approval.events` in whole batches: the batches of every partition of one fetch are
 * gathered into one ingest, one transaction (`FetchGatherer`). Offsets are committed only after the
 * effects are durable; while the store is down the same batches are retried (heartbeating, so the
 * group keeps the partitions), then the consumer goes on by itself. Once the ingest is durable, and
 * before the offsets are committed, its deadlines go to the timer wheel and the outbox relay is
 * kicked (the outbox rows are committed, so the wall need not wait for the commit's round trip);
 * an assignment reloads the deadlines of the partitions it brings.
 */
export class ApprovalEventsConsumer {
  private readonly consumer: Consumer;
  /** Loads each assignment's deadlines through the hooks, retrying while the store is down. */
  private readonly assignments: AssignmentAnnouncer;
  /** The batches of one fetch, ingested together. */
  private readonly gatherer = new FetchGatherer<RawMessage, BatchOutcome>(
    (messages) => this.ingestGathered(messages),
    GATHER_MAX_MESSAGES,
  );

  constructor(
    kafka: Kafka,
    private readonly settings: ConsumerSettings,
    private readonly ingestor: BatchIngestor,
    private readonly executors: PartitionExecutors,
    private readonly clock: Clock,
    private readonly metrics: PipelineMetrics,
    private readonly logger: Logger,
    private readonly followers: BatchFollowers,
  ) {
    this.consumer = kafka.consumer({
      groupId: settings.groupId,
      sessionTimeout: settings.sessionTimeoutMs,
      heartbeatInterval: 3_000,
      maxBytesPerPartition: 2 * 1024 * 1024,
    });
    this.assignments = new AssignmentAnnouncer(
      (partitions) => this.partitionsAssigned(partitions),
      { initialMs: settings.retryInitialMs, maxMs: settings.retryMaxMs },
      (error, retryInMs) =>
        this.logger.error(
          { err: error, retryInMs },
          'could not load deadlines of assigned partitions; retrying',
        ),
    );
    this.consumer.on(this.consumer.events.GROUP_JOIN, (event) => {
      const partitions = event.payload.memberAssignment[settings.topic] ?? [];
      this.logger.info({ partitions }, 'partitions assigned');
      void this.assignments.announce(partitions);
    });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.settings.topic, fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.settings.partitions,
      eachBatch: (payload) => this.consumeBatch(payload),
    });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }

  private async consumeBatch(payload: EachBatchPayload) {
    const { batch } = payload;
    const heartbeat = () => payload.heartbeat();
    if (batch.messages.length === 0) return;
    const messages = batch.messages.map((m) => ({
      topic: batch.topic,
      partition: batch.partition,
      offset: m.offset,
      key: m.key,
      value: m.value,
    }));
    for (let delay = this.settings.retryInitialMs; ; delay = Math.min(delay * 2, this.settings.retryMaxMs)) {
      if (!payload.isRunning() || payload.isStale()) return;
      try {
        await this.gatherer.submit(messages);
        break;
      } catch (error) {
        this.logger.warn(
          { err: error, partition: batch.partition, firstOffset: batch.firstOffset(), retryInMs: delay },
          'batch not stored; pausing this partition and retrying the same batch',
        );
        for (let waited = 0; waited < delay; waited += 1000) {
          await sleep(Math.min(1000, delay - waited));
          await heartbeat().catch(() => undefined);
        }
      }
    }
    const lastOffset = batch.lastOffset();
    payload.resolveOffset(lastOffset);
    await this.consumer.commitOffsets([
      { topic: batch.topic, partition: batch.partition, offset: (BigInt(lastOffset) + 1n).toString() },
    ]);
    await heartbeat();
  }

  /**
   * One ingest of the gathered batches, once each of their partitions is free of timer sweeps; then
   * (durable) its changes go to the wall at once, not a commit round trip later.
   */
  private async ingestGathered(messages: RawMessage[]): Promise<BatchOutcome> {
    const started = process.hrtime.bigint();
    let outcome: BatchOutcome;
    try {
      outcome = await this.executors.runAll(
        messages.map((m) => m.partition),
        () => this.ingestor.ingest(messages, this.clock.now() - this.settings.graceMs),
      );
    } catch (error) {
      this.metrics.storeFailures.inc();
      throw error;
    }
    followBatch(outcome, this.followers, this.metrics);
    this.metrics.eventsConsumed.inc(outcome.received);
    this.metrics.duplicates.inc(outcome.duplicates);
    this.metrics.deadLetters.inc(outcome.deadLetters);
    this.metrics.signalsRaised.inc(outcome.signalsRaised);
    this.metrics.signalsRetracted.inc(outcome.signalsRetracted);
    this.metrics.batchDuration.observe(Number(process.hrtime.bigint() - started) / 1e9);
    return outcome;
  }

  private async partitionsAssigned(partitions: number[]): Promise<void> {
    this.ingestor.partitionsAssigned(partitions);
    const deadlines = await this.followers.store.pendingDeadlines(partitions);
    this.followers.wheel.reset(partitions, deadlines);
    this.metrics.pendingDeadlines.set(this.followers.wheel.pending);
    this.logger.info({ partitions, deadlines: deadlines.length }, 'deadlines of assigned partitions loaded');
  }
}

/** After a durable fold (a batch, or timers fired): reschedule its cases, publish its changes. */
export function followBatch(
  outcome: Pick<BatchOutcome, 'deadlines' | 'signalsRaised' | 'signalsCorrected' | 'signalsRetracted'>,
  { wheel, relay }: BatchFollowers,
  metrics: PipelineMetrics,
): void {
  wheel.scheduleAll(outcome.deadlines);
  metrics.pendingDeadlines.set(wheel.pending);
  if (outcome.signalsRaised + outcome.signalsCorrected + outcome.signalsRetracted > 0) relay.kick();
}
