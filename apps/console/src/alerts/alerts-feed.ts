import { Inject, Injectable } from '@nestjs/common';
import { EachBatchPayload, Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { AppLogger, TypedConfig } from '@app/platform';
import type { SignalChange, WallChange } from '@app/contracts';
import { WallStore } from '@app/persistence';
import { CATCH_UP_PAGE, REORDER_MARGIN_MS } from '../wall/wall-catch-up';
import { WallGateway } from '../wall/wall.gateway';
import { AlertsTopicConsumer } from './alerts-topic-consumer';

/**
 * Every console instance reads every signal change (its own consumer group), so a client on any
 * instance sees everything it is entitled to. The changes of a Kafka batch go to the wall
 * together (one frame per room). An escalation comes in the same batch as the signal that caused
 * it: the pipeline registers both in one transaction (ADR 12).
 */
@Injectable()
export class AlertsFeed extends AlertsTopicConsumer {
  // the group is this instance's alone and dies with it; a rejoin re-sends from the outbox
  // (`recover`), so committing offsets after each batch would only hold up the next fetch
  protected override readonly runOptions = { autoCommit: false };
  private joins = 0;
  /** The highest outbox sequence this feed has passed to the wall. */
  private delivered = 0;

  constructor(
    @Inject(Kafka) kafka: Kafka,
    @Inject(TypedConfig) config: TypedConfig,
    @Inject(AppLogger) private readonly logger: AppLogger,
    @Inject(WallGateway) private readonly wall: WallGateway,
    @Inject(WallStore) private readonly store: WallStore,
  ) {
    super(kafka, config);
  }

  protected override groupId(): string {
    return `jiancha-console-${randomUUID()}`;
  }

  // a consumer that restarts (the broker died) joins again from the latest offsets of partitions
  // it never committed: what was published meanwhile is sent from the outbox instead
  protected override joined(): void {
    this.joins += 1;
    if (this.joins > 1) void this.recover();
  }

  protected override eachBatch({ batch }: EachBatchPayload): Promise<void> {
    const changes: WallChange[] = [];
    for (const message of batch.messages) {
      if (!message.value) continue;
      try {
        const change = JSON.parse(message.value.toString('utf8')) as SignalChange | null;
        if (typeof change?.signal?.departmentId !== 'string')
          throw new Error('a signal change names no signal.departmentId');
        // the outbox relay publishes every change with its sequence (optional in SignalChange)
        changes.push(change as WallChange);
        this.delivered = Math.max(this.delivered, change.sequence ?? 0);
      } catch (error) {
        this.logger.pino.warn({ err: error }, 'unreadable signal change skipped');
      }
    }
    this.wall.publish(changes);
    return Promise.resolve();
  }

  /**
   * After the consumer joined again: every change from the outbox above the last one that had
   * settled before the highest delivered (clients drop the ones they have, by sequence).
   */
  private async recover(): Promise<void> {
    try {
      let from = await this.store.settledBefore(this.delivered || null, REORDER_MARGIN_MS);
      for (;;) {
        const changes = await this.store.changesAfter({
          from,
          except: [],
          departmentId: null,
          limit: CATCH_UP_PAGE,
        });
        this.wall.publish(changes);
        const last = changes.at(-1)?.sequence;
        if (last === undefined || changes.length < CATCH_UP_PAGE) break;
        from = last;
      }
      this.logger.pino.warn({ from }, 'alerts feed joined again: changes since the last settled one re-sent');
    } catch (error) {
      this.logger.pino.warn({ err: error }, 'alerts feed could not re-send the changes it may have missed');
    }
  }
}
