import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { Consumer, Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { AppLogger, TypedConfig } from '@app/platform';
import type { SignalChange, WallChange } from '@app/contracts';
import { SignalRegistrar } from '../signals/signal-registrar';
import { WallGateway } from '../wall/wall.gateway';

/**
 * Every console instance reads every signal change (its own consumer group), so a client on any
 * instance sees everything it is entitled to. The changes of a Kafka batch go to the wall
 * together (one frame per room). A raised or retracted signal also wakes the registrar, so its
 * deadline and escalation follow within moments.
 */
@Injectable()
export class AlertsFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: Consumer | undefined;

  constructor(
    @Inject(Kafka) private readonly kafka: Kafka,
    @Inject(TypedConfig) private readonly config: TypedConfig,
    @Inject(AppLogger) private readonly logger: AppLogger,
    @Inject(WallGateway) private readonly wall: WallGateway,
    // the worker role's registrar, when it runs in this process; apart, it runs on its interval
    @Optional() @Inject(SignalRegistrar) private readonly registrar?: SignalRegistrar,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = this.kafka.consumer({ groupId: `jiancha-console-${randomUUID()}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.config.values.TOPIC_ALERTS, fromBeginning: false });
    await this.consumer.run({
      eachBatch: ({ batch }) => {
        const changes: WallChange[] = [];
        let kick = false;
        for (const message of batch.messages) {
          if (!message.value) continue;
          try {
            const change = JSON.parse(message.value.toString('utf8')) as SignalChange | null;
            if (typeof change?.signal?.departmentId !== 'string')
              throw new Error('a signal change names no signal.departmentId');
            // the outbox relay publishes every change with its sequence (optional in SignalChange)
            changes.push(change as WallChange);
            if (change.kind === 'raised' || change.kind === 'retracted') kick = true;
          } catch (error) {
            this.logger.pino.warn({ err: error }, 'unreadable signal change skipped');
          }
        }
        this.wall.publish(changes);
        if (kick) this.registrar?.kick();
        return Promise.resolve();
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
