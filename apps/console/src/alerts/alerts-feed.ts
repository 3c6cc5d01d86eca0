import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Consumer, Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { AppLogger, TypedConfig } from '@app/platform';
import type { SignalChange } from '@app/contracts';
import { WallGateway } from '../wall/wall.gateway';

/**
 * Every console instance reads every signal change (its own consumer group), so a client on any
 * instance sees everything it is entitled to.
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
      eachMessage: ({ message }) => {
        if (!message.value) return Promise.resolve();
        try {
          this.wall.broadcast(JSON.parse(message.value.toString('utf8')) as SignalChange);
        } catch (error) {
          this.logger.pino.warn({ err: error }, 'unreadable signal change skipped');
        }
        return Promise.resolve();
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
