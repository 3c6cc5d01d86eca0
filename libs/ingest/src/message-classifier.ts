import { parseEvent } from '@app/contracts';
import type { AcceptedEvent, DeadLetter } from '@app/persistence';
import type { RawMessage } from './ports';

export interface ClassifiedBatch {
  events: AcceptedEvent[];
  deadLetters: DeadLetter[];
}

/** Splits a batch into valid events and dead letters, each dead letter with the reason it is invalid. */
export function classifyMessages(messages: RawMessage[]): ClassifiedBatch {
  const events: AcceptedEvent[] = [];
  const deadLetters: DeadLetter[] = [];
  for (const message of messages) {
    const coordinates = { topic: message.topic, partition: message.partition, offset: message.offset };
    const raw = message.value ?? Buffer.alloc(0);
    const parsed =
      message.value === null ? { ok: false as const, reason: 'message has no value' } : parseEvent(raw);
    if (parsed.ok) {
      events.push({ ...coordinates, event: parsed.event });
    } else {
      deadLetters.push({
        ...coordinates,
        key: message.key?.toString('utf8') ?? null,
        raw,
        reason: parsed.reason,
      });
    }
  }
  return { events, deadLetters };
}
