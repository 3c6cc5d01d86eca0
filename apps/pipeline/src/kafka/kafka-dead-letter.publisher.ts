import type { DeadLetter } from '@app/persistence';
import { Producer } from 'kafkajs';
import { DeadLetterPublisher } from '../ingest/ports';

/** Dead letters to `approval.events.dlq`: original key and bytes, headers naming reason and origin. */
export class KafkaDeadLetterPublisher extends DeadLetterPublisher {
  constructor(
    private readonly producer: Producer,
    private readonly topic: string,
  ) {
    super();
  }

  async publish(deadLetters: DeadLetter[]): Promise<void> {
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: deadLetters.map((d) => ({
        key: d.key,
        value: d.raw,
        headers: {
          'x-dlq-reason': d.reason,
          'x-dlq-topic': d.topic,
          'x-dlq-partition': String(d.partition),
          'x-dlq-offset': d.offset,
        },
      })),
    });
  }
}
