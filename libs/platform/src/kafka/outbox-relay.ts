import type { Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { PeriodicTask } from '../jobs/periodic-task';

/** An outbox row as it is published: its message text, keyed by department. */
export interface OutboxMessage {
  departmentId: string;
  value: string;
}

/**
 * The outbox the relay drains (`PgOutbox` of @app/persistence): hands at most `limit` unpublished
 * rows, in sequence order, to `publish`, marks them published once it resolved, returns how many.
 */
export interface RelayableOutbox {
  relay(limit: number, publish: (rows: OutboxMessage[]) => Promise<void>): Promise<number>;
}

/**
 * Publishes committed changes from the outbox to `topic` (key: departmentId, acks from all
 * in-sync replicas), in sequence order, until the outbox is empty. Kicked after whatever appended
 * to the outbox and swept periodically (`start`), never twice at a time, so nothing committed stays
 * unpublished after a crash; consumers dedupe by `sequence`. The pipeline and the console both run
 * one; the outbox lets one of them at a time take the rows.
 */
export class OutboxRelay {
  static readonly BATCH = 1000;
  private readonly task: PeriodicTask;

  constructor(
    private readonly outbox: RelayableOutbox,
    private readonly producer: Pick<Producer, 'send'>,
    private readonly topic: string,
    logger: Logger,
  ) {
    this.task = new PeriodicTask('outbox relay', () => this.drain(), logger);
  }

  /** Drains now and then every `intervalMs`. */
  start(intervalMs = 1000): void {
    this.task.start(intervalMs);
  }

  /** Drains soon: now, or once more right after the drain in flight. */
  kick(): void {
    this.task.kick();
  }

  /** No more drains; waits for the one in flight. */
  stop(): Promise<void> {
    return this.task.stop();
  }

  /** Publishes batch after batch until a batch is not full. */
  async drain(): Promise<void> {
    for (;;) {
      const published = await this.outbox.relay(OutboxRelay.BATCH, async (rows) => {
        await this.producer.send({
          topic: this.topic,
          acks: -1,
          messages: rows.map((row) => ({ key: row.departmentId, value: row.value })),
        });
      });
      if (published < OutboxRelay.BATCH) return;
    }
  }
}
