import { PgOutbox } from '@app/persistence';
import { Producer } from 'kafkajs';
import type { Logger } from 'pino';

/**
 * Publishes committed signal changes from the outbox to `supervision.alerts` (key: departmentId),
 * in sequence order. Kicked after every batch and swept periodically, so nothing committed stays
 * unpublished after a crash; consumers dedupe by `sequence`.
 */
export class OutboxRelay {
  private running = false;
  private again = false;
  private sweep: NodeJS.Timeout | undefined;

  constructor(
    private readonly outbox: PgOutbox,
    private readonly producer: Producer,
    private readonly topic: string,
    private readonly logger: Logger,
  ) {}

  start(intervalMs = 1000): void {
    this.sweep = setInterval(() => this.kick(), intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.sweep);
    while (this.running) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.drain()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'outbox relay failed; will retry'))
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async drain(): Promise<void> {
    for (;;) {
      const published = await this.outbox.relay(1000, async (rows) => {
        await this.producer.send({
          topic: this.topic,
          acks: -1,
          messages: rows.map((row) => ({
            key: row.departmentId,
            value: row.value,
          })),
        });
      });
      if (published < 1000) return;
    }
  }
}
