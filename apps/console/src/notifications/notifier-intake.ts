import { Inject, Injectable } from '@nestjs/common';
import { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { NotificationStore } from '@app/persistence';
import { AppLogger, TypedConfig } from '@app/platform';
import { AlertsTopicConsumer } from '../alerts/alerts-topic-consumer';
import { decodeChange } from './change-decoding';
import { DigestDispatcher } from './digest-dispatcher';

/**
 * Reads `supervision.alerts` in its own consumer group (NOTIFIER_GROUP_ID, shared by the console
 * instances: each change is handled by one) and records each change as a notification item. The
 * offset is committed only after the items are durable; a redelivered change is recorded once
 * (unique by outbox sequence). Messages are keyed by department, so a department's changes stay
 * in order on one partition.
 */
@Injectable()
export class NotifierIntake extends AlertsTopicConsumer {
  protected override readonly runOptions = { autoCommit: false, eachBatchAutoResolve: false };
  private joinedGroup!: () => void;
  /** Resolves when the consumer has joined its group and been given partitions. */
  readonly ready = new Promise<void>((resolve) => (this.joinedGroup = resolve));

  constructor(
    @Inject(Kafka) kafka: Kafka,
    @Inject(NotificationStore) private readonly store: NotificationStore,
    @Inject(DigestDispatcher) private readonly dispatcher: DigestDispatcher,
    @Inject(TypedConfig) config: TypedConfig,
    @Inject(AppLogger) private readonly logger: AppLogger,
  ) {
    super(kafka, config);
  }

  protected override groupId(): string {
    return this.config.values.NOTIFIER_GROUP_ID;
  }

  protected override joined(): void {
    this.joinedGroup();
  }

  protected override async eachBatch(payload: EachBatchPayload, consumer: Consumer): Promise<void> {
    const { batch } = payload;
    const items = [];
    for (const message of batch.messages) {
      const decoded = decodeChange(message.value);
      if ('item' in decoded) items.push(decoded.item);
      else if (!decoded.skip.startsWith('kind '))
        this.logger.pino.warn(
          { partition: batch.partition, offset: message.offset, why: decoded.skip },
          'signal change skipped',
        );
    }
    await this.store.recordChanges(items);
    const last = batch.messages.at(-1);
    if (last) {
      payload.resolveOffset(last.offset);
      await consumer.commitOffsets([
        { topic: batch.topic, partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() },
      ]);
    }
    await payload.heartbeat();
    if (items.length > 0) this.dispatcher.kick();
  }
}
