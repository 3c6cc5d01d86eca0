import { Inject, Injectable } from '@nestjs/common';
import { AttemptOutcome, ClaimedWebhookDelivery, WebhookStore } from '@app/persistence';
import { AppLogger, Clock, MetricsRegistry, TypedConfig } from '@app/platform';
import { Counter } from 'prom-client';
import { BackgroundJob, inBatches } from '../common/background-job';
import { backoffDelay } from './backoff';
import { httpPost } from './http-post';
import {
  ATTEMPT_HEADER,
  DELIVERY_HEADER,
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
} from './webhook-signature';

const BATCH = 20;

/**
 * Sends queued webhook deliveries: signed, with a timeout; a 2xx answer delivers, anything else is
 * retried with exponential backoff until WEBHOOK_MAX_ATTEMPTS, then the delivery is dead (visible to
 * administrators, who may send it again). Every attempt is logged. Claims are leases, so several
 * instances never send the same delivery at the same time.
 */
@Injectable()
export class WebhookDispatcher extends BackgroundJob {
  override readonly intervalMs = 250;
  private readonly attempts: Counter<'outcome'>;

  constructor(
    @Inject(WebhookStore) private readonly webhooks: WebhookStore,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TypedConfig) private readonly config: TypedConfig,
    @Inject(AppLogger) private readonly logger: AppLogger,
    @Inject(MetricsRegistry) metrics: MetricsRegistry,
  ) {
    super('webhook dispatcher', logger);
    this.attempts = metrics.counter(
      'jiancha_webhook_attempts_total',
      'Webhook delivery attempts by outcome',
      ['outcome'],
    );
  }

  /** Sends every delivery due; returns how many. */
  override run(): Promise<number> {
    const { WEBHOOK_TIMEOUT_MS } = this.config.values;
    return inBatches(BATCH, async () => {
      const now = this.clock.now();
      const due = await this.webhooks.claimDue(
        new Date(now).toISOString(),
        WEBHOOK_TIMEOUT_MS + 5_000,
        BATCH,
      );
      await Promise.all(due.map((delivery) => this.attempt(delivery)));
      return due.length;
    });
  }

  private async attempt(delivery: ClaimedWebhookDelivery): Promise<void> {
    const { WEBHOOK_MAX_ATTEMPTS, WEBHOOK_BACKOFF_MS, WEBHOOK_BACKOFF_MAX_MS, WEBHOOK_TIMEOUT_MS } =
      this.config.values;
    const started = this.clock.now();
    const timestamp = Math.floor(started / 1000);
    let statusCode: number | null = null;
    let error: string | null = null;
    if (delivery.secret === '') {
      error = 'the department has no webhook any more';
    } else {
      try {
        const answer = await httpPost(
          delivery.url,
          {
            'content-type': 'application/json; charset=utf-8',
            'user-agent': 'jiancha-notifier/1',
            [TIMESTAMP_HEADER]: String(timestamp),
            [SIGNATURE_HEADER]: signWebhook(delivery.secret, timestamp, delivery.body),
            [DELIVERY_HEADER]: String(delivery.id),
            [ATTEMPT_HEADER]: String(delivery.attempts),
          },
          delivery.body,
          WEBHOOK_TIMEOUT_MS,
        );
        statusCode = answer.status;
        if (answer.status < 200 || answer.status >= 300) error = `answered ${answer.status}`;
      } catch (failure) {
        error = (failure as Error).message;
      }
    }
    const finished = this.clock.now();
    const outcome: AttemptOutcome =
      error === null
        ? { status: 'delivered' }
        : delivery.attempts >= WEBHOOK_MAX_ATTEMPTS || delivery.secret === ''
          ? { status: 'dead' }
          : {
              status: 'pending',
              nextAttemptAt: new Date(
                finished + backoffDelay(delivery.attempts, WEBHOOK_BACKOFF_MS, WEBHOOK_BACKOFF_MAX_MS),
              ).toISOString(),
            };
    await this.webhooks.recordAttempt(
      delivery.id,
      {
        attempt: delivery.attempts,
        at: new Date(started).toISOString(),
        statusCode,
        error,
        durationMs: Math.max(0, finished - started),
      },
      outcome,
    );
    this.attempts.inc({ outcome: outcome.status });
    if (outcome.status === 'dead') {
      this.logger.pino.warn(
        { delivery: delivery.id, department: delivery.departmentId, attempts: delivery.attempts, error },
        'webhook delivery is dead',
      );
    }
  }
}
