import type { ProducerRecord } from 'kafkajs';
import { KafkaEventSink, MessageProducer } from './kafka-event-sink';

function aFakeProducer(): MessageProducer & { records: ProducerRecord[]; disconnected: boolean } {
  const fake = {
    records: [] as ProducerRecord[],
    disconnected: false,
    send: (record: ProducerRecord) => {
      fake.records.push(record);
      return Promise.resolve([]);
    },
    disconnect: () => {
      fake.disconnected = true;
      return Promise.resolve();
    },
  };
  return fake;
}

const aMessage = (index: number) => ({ key: `SP-${index % 3}`, value: Buffer.from(`{"n":${index}}`) });

describe(KafkaEventSink.name, () => {
  it('sends batches to the topic, keyed by caseId, acknowledged by all replicas', async () => {
    const producer = aFakeProducer();
    const sut = new KafkaEventSink(producer, 'approval.events', 4);

    await sut.write(Array.from({ length: 10 }, (_, index) => aMessage(index)));

    expect(producer.records.map((record) => record.messages.length)).toEqual([4, 4, 2]);
    expect(producer.records.every((record) => record.topic === 'approval.events' && record.acks === -1)).toBe(
      true,
    );
    expect(producer.records.flatMap((record) => record.messages.map((message) => message.key))).toEqual(
      Array.from({ length: 10 }, (_, index) => `SP-${index % 3}`),
    );
  });

  it('disconnects the producer on close', async () => {
    const producer = aFakeProducer();

    await new KafkaEventSink(producer, 'approval.events').close();

    expect(producer.disconnected).toBe(true);
  });
});
