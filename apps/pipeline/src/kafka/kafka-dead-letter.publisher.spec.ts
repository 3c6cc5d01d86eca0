import type { DeadLetter } from '@app/persistence';
import type { Producer } from 'kafkajs';
import { KafkaDeadLetterPublisher } from './kafka-dead-letter.publisher';

/** A producer that keeps what it was asked to send, as the broker would receive it. */
class RecordingProducer {
  readonly requests: Parameters<Producer['send']>[0][] = [];

  send(request: Parameters<Producer['send']>[0]) {
    this.requests.push(request);
    return Promise.resolve([]);
  }
}

function aDeadLetter(offset: number, bytes: number): DeadLetter {
  return {
    topic: 'approval.events',
    partition: 2,
    offset: String(offset),
    key: `CASE-${offset}`,
    raw: Buffer.alloc(bytes, 0x78),
    reason: 'event: must be at most 65536 bytes',
  };
}

describe(KafkaDeadLetterPublisher.name, () => {
  it('sends each dead letter with its key, bytes and the headers naming reason and origin', async () => {
    const producer = new RecordingProducer();
    const sut = new KafkaDeadLetterPublisher(producer, 'approval.events.dlq');

    await sut.publish([aDeadLetter(7, 10)]);

    expect(producer.requests).toEqual([
      {
        topic: 'approval.events.dlq',
        acks: -1,
        messages: [
          {
            key: 'CASE-7',
            value: Buffer.alloc(10, 0x78),
            headers: {
              'x-dlq-reason': 'event: must be at most 65536 bytes',
              'x-dlq-topic': 'approval.events',
              'x-dlq-partition': '2',
              'x-dlq-offset': '7',
            },
          },
        ],
      },
    ]);
  });

  it('splits a batch of large dead letters into requests the broker accepts, in order, losing none', async () => {
    const producer = new RecordingProducer();
    const sut = new KafkaDeadLetterPublisher(producer, 'approval.events.dlq');
    const deadLetters = Array.from({ length: 12 }, (_, i) => aDeadLetter(i, 150_000));

    await sut.publish(deadLetters);

    const sizes = producer.requests.map((r) =>
      r.messages.reduce((sum, m) => sum + (m.value as Buffer).length, 0),
    );
    expect(producer.requests.length).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(512 * 1024);
    expect(producer.requests.flatMap((r) => r.messages.map((m) => m.key))).toEqual(
      deadLetters.map((d) => d.key),
    );
  });

  it('sends a dead letter larger than a request alone', async () => {
    const producer = new RecordingProducer();
    const sut = new KafkaDeadLetterPublisher(producer, 'approval.events.dlq', 1_000);

    await sut.publish([aDeadLetter(1, 10), aDeadLetter(2, 5_000), aDeadLetter(3, 10)]);

    expect(producer.requests.map((r) => r.messages.map((m) => m.key))).toEqual([
      ['CASE-1'],
      ['CASE-2'],
      ['CASE-3'],
    ]);
  });
});
