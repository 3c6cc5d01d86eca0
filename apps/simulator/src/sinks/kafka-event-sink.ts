import { Kafka, Partitioners, Producer } from 'kafkajs';
import type { EventSink, OutgoingMessage } from './event-sink';

/** The part of a kafkajs producer the sink uses (a fake in tests). */
export type MessageProducer = Pick<Producer, 'send' | 'disconnect'>;

/**
 * Publishes to the approval-events topic, keyed by caseId so a case's events stay on one partition
 * in order. Batches of `batchSize` messages per request, acknowledged by all in-sync replicas.
 */
export class KafkaEventSink implements EventSink {
  constructor(
    private readonly producer: MessageProducer,
    private readonly topic: string,
    private readonly batchSize = 500,
  ) {}

  static async connect(kafka: Kafka, topic: string): Promise<KafkaEventSink> {
    // the Java client's partitioner: the same key lands on the same partition as with other producers
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    return new KafkaEventSink(producer, topic);
  }

  async write(messages: readonly OutgoingMessage[]): Promise<void> {
    for (let start = 0; start < messages.length; start += this.batchSize) {
      const batch = messages.slice(start, start + this.batchSize);
      await this.producer.send({
        topic: this.topic,
        acks: -1,
        messages: batch.map(({ key, value }) => ({ key, value })),
      });
    }
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}
