import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Consumer, Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { AppLogger, TypedConfig } from '@app/platform';
import type { SignalChange, WallChange } from '@app/contracts';
import { WallGateway } from '../wall/wall.gateway';

/**
 * Every console instance reads every signal change (its own consumer group), so a client on any
 * instance sees everything it is entitled to. The changes of a Kafka batch go to the wall
 * together (one frame per room). An escalation comes in the same batch as the signal that caused
 * it: the pipeline registers both in one transaction (ADR 12).
 */
@Injectable()
export class AlertsFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: Consumer | undefined;

  constructor(
    @Inject(Kafka) private readonly kafka: Kafka,
    @Inject(TypedConfig) private readonly config: TypedConfig,
    @Inject(AppLogger) private readonly logger: AppLogger,
    @Inject(WallGateway) private readonly wall: WallGateway,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = this.kafka.consumer({ groupId: `jiancha-console-${randomUUID()}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.config.values.TOPIC_ALERTS, fromBeginning: false });
    await this.consumer.run({
      eachBatch: ({ batch }) => {
        const changes: WallChange[] = [];
        for (const message of batch.messages) {
          if (!message.value) continue;
          try {
            const change = JSON.parse(message.value.toString('utf8')) as SignalChange | null;
            if (typeof change?.signal?.departmentId !== 'string')
              throw new Error('a signal change names no signal.departmentId');
            // the outbox relay publishes every change with its sequence (optional in SignalChange)
            changes.push(change as WallChange);
          } catch (error) {
            this.logger.pino.warn({ err: error }, 'unreadable signal change skipped');
          }
        }
        this.wall.publish(changes);
        return Promise.resolve();
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
