import type { DeadLetter } from '@app/persistence';
import { Message, Producer } from 'kafkajs';
import { DeadLetterPublisher } from '@app/ingest';

/**
 * The most bytes of dead letters sent in one request. The broker refuses a record batch above its
 * `message.max.bytes` (1 MiB by default); a batch of oversized events (each up to that limit, far
 * above the contract's 64 KiB) sent in one request was refused on every retry, and the partition
 * stopped. One message larger than this still goes alone.
 */
export const DEAD_LETTER_REQUEST_BYTES = 512 * 1024;

/** Dead letters to `approval.events.dlq`: original key and bytes, headers naming reason and origin. */
export class KafkaDeadLetterPublisher extends DeadLetterPublisher {
  constructor(
    private readonly producer: Pick<Producer, 'send'>,
    private readonly topic: string,
    private readonly requestBytes = DEAD_LETTER_REQUEST_BYTES,
  ) {
    super();
  }

  async publish(deadLetters: DeadLetter[]): Promise<void> {
    let request: Message[] = [];
    let bytes = 0;
    for (const d of deadLetters) {
      const headers = {
        'x-dlq-reason': d.reason,
        'x-dlq-topic': d.topic,
        'x-dlq-partition': String(d.partition),
        'x-dlq-offset': d.offset,
      };
      const size =
        d.raw.byteLength +
        Buffer.byteLength(d.key ?? '') +
        Object.entries(headers).reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
      if (request.length > 0 && bytes + size > this.requestBytes) {
        await this.send(request);
        request = [];
        bytes = 0;
      }
      request.push({ key: d.key, value: d.raw, headers });
      bytes += size;
    }
    if (request.length > 0) await this.send(request);
  }

  private async send(messages: Message[]): Promise<void> {
    await this.producer.send({ topic: this.topic, acks: -1, messages });
  }
}
