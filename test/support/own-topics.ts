// The pipeline's three topics (events keyed by caseId, their dead letters, alert changes) that a
// test or a benchmark run owns on a broker, laid out as the launcher lays them out, with an admin
// client and a producer; deleted at the end.
import { Admin, Kafka, Partitioners, Producer, type ProducerConfig } from 'kafkajs';
import { pipelineTopics } from '../../deploy/local';

export class OwnTopics {
  readonly deadLetters: string;
  readonly alerts: string;
  readonly admin: Admin;
  readonly producer: Producer;

  constructor(
    /** The events topic; the dead letters and alerts topics are named after it. */
    readonly name: string,
    readonly partitions: number,
    readonly kafka: Kafka,
    producer: Omit<ProducerConfig, 'createPartitioner'> = {},
  ) {
    this.deadLetters = `${name}.dlq`;
    this.alerts = `${name}.alerts`;
    this.admin = kafka.admin();
    this.producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, ...producer });
  }

  async create(): Promise<this> {
    await this.admin.connect();
    await this.producer.connect();
    await this.admin.createTopics({
      waitForLeaders: true,
      topics: pipelineTopics(
        { events: this.name, deadLetters: this.deadLetters, alerts: this.alerts },
        this.partitions,
      ),
    });
    return this;
  }

  async dispose(): Promise<void> {
    await this.admin
      .deleteTopics({ topics: [this.name, this.deadLetters, this.alerts] })
      .catch(() => undefined);
    await this.producer.disconnect();
    await this.admin.disconnect();
  }
}
