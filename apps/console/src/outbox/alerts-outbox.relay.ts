import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Kafka, Partitioners, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { PgOutbox } from '@app/persistence';
import { AppLogger, TypedConfig } from '@app/platform';
import { PeriodicTask } from '../common/periodic-task';

/**
 * Publishes the signal outbox to `supervision.alerts` (key: departmentId) in sequence order, like
 * the pipeline's relay. Both may run: `PgOutbox` lets one relay at a time take the rows (advisory
 * lock) and marks them published in the same transaction, so a change is published once (again
 * only if the process dies between Kafka's ack and the commit; consumers dedupe by `sequence`).
 * The console runs it so its own lifecycle changes go out even while no pipeline runs.
 */
@Injectable()
export class AlertsOutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly outbox: PgOutbox;
  private producer: Producer | undefined;
  private readonly task: PeriodicTask;

  constructor(
    @Inject(Kafka) private readonly kafka: Kafka,
    @Inject(DataSource) dataSource: DataSource,
    @Inject(TypedConfig) private readonly config: TypedConfig,
    @Inject(AppLogger) logger: AppLogger,
  ) {
    this.outbox = new PgOutbox(dataSource);
    this.task = new PeriodicTask('outbox relay', () => this.drain(), logger.pino);
  }

  get enabled(): boolean {
    return this.config.values.CONSOLE_OUTBOX_RELAY;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    // the pipeline's partitioner: a department's key lands on the same partition whoever relays
    this.producer = this.kafka.producer({
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      maxInFlightRequests: 1,
    });
    await this.producer.connect();
    this.task.start(1000);
  }

  /** Publishes soon, e.g. right after a transaction appended to the outbox. */
  kick(): void {
    if (this.producer) this.task.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
    await this.producer?.disconnect();
  }

  private async drain(): Promise<void> {
    const producer = this.producer;
    if (!producer) return;
    for (;;) {
      const published = await this.outbox.relay(1000, async (rows) => {
        await producer.send({
          topic: this.config.values.TOPIC_ALERTS,
          acks: -1,
          messages: rows.map((row) => ({
            key: row.departmentId,
            value: row.value,
          })),
        });
      });
      if (published < 1000) return;
    }
  }
}
