import { setTimeout as sleep } from 'node:timers/promises';
import { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { Clock } from '@app/platform';
import { BatchIngestor, BatchOutcome } from '@app/ingest';
import { AssignmentAnnouncer } from './assignment-announcer';
import { PipelineMetrics } from '../pipeline.metrics';
import { PartitionExecutors } from '../serial-executor';

export interface ConsumerSettings {
  topic: string;
  groupId: string;
  sessionTimeoutMs: number;
  graceMs: number;
  /** Backoff between attempts when the store is unreachable. */
  retryInitialMs: number;
  retryMaxMs: number;
  /** Partitions whose batches are folded at the same time (each partition's one at a time). */
  partitionsInFlight: number;
}

export interface ConsumerHooks {
  /** After each durable batch: deadlines to (re)schedule, outbox to relay. */
  afterBatch(outcome: BatchOutcome): void;
  /** The partitions this instance owns changed (join, rebalance). */
  partitionsAssigned(partitions: number[]): Promise<void>;
}

/**
 * Consumes `approval.events` in whole batches. Offsets are committed only after the batch's
 * effects are durable; while the store is down the same batch is retried (heartbeating, so the
 * group keeps the partition), then the consumer goes on by itself.
 */
export class ApprovalEventsConsumer {
  private readonly consumer: Consumer;
  /** Loads each assignment's deadlines through the hooks, retrying while the store is down. */
  private readonly assignments: AssignmentAnnouncer;
  private hooks: ConsumerHooks = { afterBatch: () => undefined, partitionsAssigned: () => Promise.resolve() };

  constructor(
    kafka: Kafka,
    private readonly settings: ConsumerSettings,
    private readonly ingestor: BatchIngestor,
    private readonly executors: PartitionExecutors,
    private readonly clock: Clock,
    private readonly metrics: PipelineMetrics,
    private readonly logger: Logger,
  ) {
    this.consumer = kafka.consumer({
      groupId: settings.groupId,
      sessionTimeout: settings.sessionTimeoutMs,
      heartbeatInterval: 3_000,
      maxBytesPerPartition: 2 * 1024 * 1024,
    });
    this.assignments = new AssignmentAnnouncer(
      (partitions) => this.hooks.partitionsAssigned(partitions),
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

  attach(hooks: ConsumerHooks): void {
    this.hooks = hooks;
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.settings.topic, fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.settings.partitionsInFlight,
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
    const started = process.hrtime.bigint();
    const messages = batch.messages.map((m) => ({
      topic: batch.topic,
      partition: batch.partition,
      offset: m.offset,
      key: m.key,
      value: m.value,
    }));
    let outcome: BatchOutcome | undefined;
    for (
      let delay = this.settings.retryInitialMs;
      outcome === undefined;
      delay = Math.min(delay * 2, this.settings.retryMaxMs)
    ) {
      if (!payload.isRunning() || payload.isStale()) return;
      try {
        outcome = await this.executors.run(batch.partition, () =>
          this.ingestor.ingest(messages, this.clock.now() - this.settings.graceMs),
        );
      } catch (error) {
        this.metrics.storeFailures.inc();
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
    this.metrics.eventsConsumed.inc(outcome.received);
    this.metrics.duplicates.inc(outcome.duplicates);
    this.metrics.deadLetters.inc(outcome.deadLetters);
    this.metrics.signalsRaised.inc(outcome.signalsRaised);
    this.metrics.signalsRetracted.inc(outcome.signalsRetracted);
    this.metrics.batchDuration.observe(Number(process.hrtime.bigint() - started) / 1e9);
    this.hooks.afterBatch(outcome);
    await heartbeat();
  }
}
