import { Inject, Injectable } from '@nestjs/common';
import { Kafka, Partitioners, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { PgOutbox } from '@app/persistence';
import { AppLogger, OutboxRelay, TypedConfig } from '@app/platform';
import { BackgroundJob } from '../common/background-job';

/**
 * Runs the pipeline's `OutboxRelay` in the console's worker role: the signal outbox
 * to `supervision.alerts` (key: departmentId) in sequence order. Both may run: `PgOutbox` lets one
 * relay at a time take the rows (advisory lock) and marks them published in the same transaction,
 * so a change is published once (again only if the process dies between Kafka's ack and the
 * commit; consumers dedupe by `sequence`). The console runs it so its own lifecycle changes go out
 * even while no pipeline runs.
 */
@Injectable()
export class AlertsOutboxRelay extends BackgroundJob {
  override readonly intervalMs = 1000;
  private readonly outbox: PgOutbox;
  private producer: Producer | undefined;
  private relay: OutboxRelay | undefined;

  constructor(
    @Inject(Kafka) private readonly kafka: Kafka,
    @Inject(DataSource) dataSource: DataSource,
    @Inject(TypedConfig) private readonly config: TypedConfig,
    @Inject(AppLogger) private readonly logger: AppLogger,
  ) {
    super('outbox relay', logger);
    this.outbox = new PgOutbox(dataSource);
  }

  /** Publishes soon, e.g. right after a transaction appended to the outbox; nothing while off. */
  override kick(): void {
    if (this.relay) super.kick();
  }

  protected override async setUp(): Promise<void> {
    // the pipeline's partitioner: a department's key lands on the same partition whoever relays
    const producer = this.kafka.producer({
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      maxInFlightRequests: 1,
    });
    this.producer = producer;
    await producer.connect();
    this.relay = new OutboxRelay(this.outbox, producer, this.config.values.TOPIC_ALERTS, this.logger.pino);
  }

  override async run(): Promise<void> {
    await this.relay?.drain();
  }

  protected override async tearDown(): Promise<void> {
    await this.producer?.disconnect();
  }
}
