import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Consumer, ConsumerRunConfig, EachBatchPayload, Kafka } from 'kafkajs';
import { TypedConfig } from '@app/platform';

/**
 * A reader of the signal changes on `supervision.alerts` (TOPIC_ALERTS) that lives with the
 * application: at bootstrap it joins `groupId` (from the latest offsets where the group committed
 * none) and hands each batch to `eachBatch`; at shutdown it disconnects. `joined` is called each
 * time the consumer has joined its group and been given partitions.
 */
export abstract class AlertsTopicConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  /** How the batches are consumed, e.g. with offsets committed by `eachBatch` itself. */
  protected readonly runOptions: Omit<ConsumerRunConfig, 'eachBatch' | 'eachMessage'> = {};
  private consumer: Consumer | undefined;

  protected constructor(
    private readonly kafka: Kafka,
    protected readonly config: TypedConfig,
  ) {}

  /** The consumer group, read at bootstrap. */
  protected abstract groupId(): string;

  /** Handles one batch of changes; `consumer` is the one that read it. */
  protected abstract eachBatch(payload: EachBatchPayload, consumer: Consumer): Promise<void>;

  /** After each join of the group. */
  protected joined(): void {}

  async onApplicationBootstrap(): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: this.groupId() });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => this.joined());
    await consumer.connect();
    await consumer.subscribe({ topic: this.config.values.TOPIC_ALERTS, fromBeginning: false });
    await consumer.run({ ...this.runOptions, eachBatch: (payload) => this.eachBatch(payload, consumer) });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
