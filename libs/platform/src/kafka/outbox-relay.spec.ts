import type { ProducerRecord } from 'kafkajs';
import pino from 'pino';
import { OutboxMessage, OutboxRelay, RelayableOutbox } from './outbox-relay';

const silent = pino({ level: 'silent' });

/** An outbox holding `count` unpublished rows, handed out in batches like `PgOutbox`. */
function outboxOf(count: number): RelayableOutbox & { left: () => number } {
  let next = 0;
  return {
    left: () => count - next,
    async relay(limit, publish) {
      const rows: OutboxMessage[] = [];
      for (let i = next; i < Math.min(count, next + limit); i += 1)
        rows.push({ departmentId: `d${i % 3}`, value: `{"sequence":${i + 1}}` });
      if (rows.length === 0) return 0;
      await publish(rows);
      next += rows.length;
      return rows.length;
    },
  };
}

describe(OutboxRelay.name, () => {
  it('publishes batch after batch, keyed by department with acks from all replicas, until a batch is not full', async () => {
    const outbox = outboxOf(2500);
    const sent: ProducerRecord[] = [];
    const send = (record: ProducerRecord) => {
      sent.push(record);
      return Promise.resolve([]);
    };
    const sut = new OutboxRelay(outbox, { send }, 'supervision.alerts', silent);
    await sut.drain();
    expect(outbox.left()).toBe(0);
    expect(sent.map((batch) => batch.messages.length)).toEqual([1000, 1000, 500]);
    expect(sent.every((batch) => batch.topic === 'supervision.alerts' && batch.acks === -1)).toBe(true);
    expect(sent[0]?.messages[0]).toEqual({ key: 'd0', value: '{"sequence":1}' });
  });

  it('leaves the rows of a failed send in the outbox for the next drain', async () => {
    const outbox = outboxOf(10);
    let sends = 0;
    const sut = new OutboxRelay(
      outbox,
      {
        send: () => {
          sends += 1;
          return sends === 1 ? Promise.reject(new Error('broker away')) : Promise.resolve([]);
        },
      },
      'supervision.alerts',
      silent,
    );
    await expect(sut.drain()).rejects.toThrow('broker away');
    expect(outbox.left()).toBe(10);
    await sut.drain();
    expect(outbox.left()).toBe(0);
    expect(sends).toBe(2);
  });
});
