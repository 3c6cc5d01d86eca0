import { Admin, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { Clock } from '@app/platform';
import { BatchIngestor } from '@app/ingest';
import { ApprovalEventsConsumer, BatchFollowers, followBatch } from './kafka/approval-events.consumer';
import { sampleConsumerLag } from './kafka/lag-sampler';
import { PipelineMetrics } from './pipeline.metrics';
import { PartitionExecutors } from './serial-executor';

export interface PipelineSettings {
  topic: string;
  groupId: string;
  graceMs: number;
  sweepIntervalMs: number;
  sweepBatch: number;
}

/**
 * Runs the live pipeline: the consumer, one sweep for every due timer (wall clock minus grace as
 * the watermark), the outbox relay, and the lag sampler. Timers belong to the partitions this
 * instance owns, which the consumer reloads from the store at every assignment.
 */
export class PipelineRunner {
  private sweepTimer: NodeJS.Timeout | undefined;
  private lagTimer: NodeJS.Timeout | undefined;
  private sweeping = false;

  constructor(
    readonly consumer: ApprovalEventsConsumer,
    private readonly ingestor: BatchIngestor,
    private readonly followers: BatchFollowers,
    private readonly executors: PartitionExecutors,
    private readonly admin: Admin,
    private readonly producer: Producer,
    private readonly clock: Clock,
    private readonly metrics: PipelineMetrics,
    private readonly logger: Logger,
    private readonly settings: PipelineSettings,
  ) {}

  async start(): Promise<void> {
    await this.producer.connect();
    await this.admin.connect();
    this.followers.relay.start();
    this.sweepTimer = setInterval(() => void this.sweep(), this.settings.sweepIntervalMs);
    this.lagTimer = setInterval(() => void this.sampleLag(), 5000);
    await this.consumer.start();
  }

  async stop(): Promise<void> {
    clearInterval(this.sweepTimer);
    clearInterval(this.lagTimer);
    await this.consumer.stop();
    await this.followers.relay.stop();
    await this.executors.idle();
    await this.admin.disconnect();
    await this.producer.disconnect();
  }

  /**
   * Fires what is due: folds those cases at the watermark (on their partition's executor, after
   * its batches in flight), then reschedules them.
   */
  async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      for (;;) {
        const watermark = this.clock.now() - this.settings.graceMs;
        const due = this.followers.wheel.popDueByPartition(watermark, this.settings.sweepBatch);
        if (due.size === 0) return;
        const fired = await Promise.allSettled(
          [...due].map(([partition, caseIds]) =>
            this.executors.run(partition, () => this.ingestor.fireTimers(caseIds, watermark)),
          ),
        );
        let failed = false;
        for (const [index, result] of fired.entries()) {
          if (result.status === 'fulfilled') {
            this.metrics.signalsRaised.inc(result.value.signalsRaised);
            followBatch(result.value, this.followers, this.metrics);
            continue;
          }
          const caseIds = [...due.values()][index] ?? [];
          this.logger.warn({ err: result.reason, cases: caseIds.length }, 'timer sweep failed; will retry');
          this.followers.wheel.restore(caseIds, watermark);
          failed = true;
        }
        if (failed) return;
      }
    } finally {
      this.sweeping = false;
    }
  }

  private async sampleLag(): Promise<void> {
    await this.metrics.sampleRate(this.clock.now());
    try {
      await sampleConsumerLag(this.admin, this.settings.groupId, this.settings.topic, this.metrics);
    } catch (error) {
      this.logger.debug({ err: error }, 'consumer lag not sampled');
    }
  }
}
