import { Inject, Injectable } from '@nestjs/common';
import { NotificationStore } from '@app/persistence';
import { AppLogger, Clock, MetricsRegistry, TypedConfig } from '@app/platform';
import { Counter } from 'prom-client';
import { BackgroundJob } from '../common/background-job';
import { backoffDelay } from './backoff';
import { NotificationChannels } from './notification-channel';

const MAX_ITEMS_PER_DIGEST = 2000;
const LEASE_MS = 30_000;

/**
 * Turns waiting notification items into digests and hands each digest to every channel. A
 * department's first change goes out at once; then at most one digest per NOTIFY_DIGEST_INTERVAL_MS
 * collects everything that came meanwhile, so a burst of a thousand signals is a handful of
 * notifications, and none is lost. A channel that fails is retried with backoff.
 */
@Injectable()
export class DigestDispatcher extends BackgroundJob {
  override readonly intervalMs = 250;
  private readonly digests: Counter;
  private readonly suppressed: Counter;

  constructor(
    @Inject(NotificationStore) private readonly store: NotificationStore,
    @Inject(NotificationChannels) private readonly channels: NotificationChannels,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TypedConfig) private readonly config: TypedConfig,
    @Inject(AppLogger) private readonly logger: AppLogger,
    @Inject(MetricsRegistry) metrics: MetricsRegistry,
  ) {
    super('digest dispatcher', logger);
    this.digests = metrics.counter('jiancha_notification_digests_total', 'Digests made for departments');
    this.suppressed = metrics.counter(
      'jiancha_notifications_suppressed_total',
      'Signal changes not notified: silenced, or superseded by a higher signal',
    );
  }

  /** Makes the digests due and hands the deliveries due to their channels. */
  override async run(): Promise<void> {
    const intervalMs = this.config.values.NOTIFY_DIGEST_INTERVAL_MS;
    const now = new Date(this.clock.now()).toISOString();
    for (const departmentId of await this.store.departmentsDue(now, intervalMs, 100)) {
      const outcome = await this.store.buildDigest(departmentId, {
        now,
        intervalMs,
        channels: this.channels.names,
        maxItems: MAX_ITEMS_PER_DIGEST,
      });
      if (outcome.digest) this.digests.inc();
      this.suppressed.inc(outcome.suppressed);
    }
    for (const delivery of await this.store.claimDeliveries(now, LEASE_MS, 100)) {
      const channel = this.channels.get(delivery.channel);
      try {
        if (!channel) throw new Error(`no channel ${delivery.channel}`);
        await channel.deliver(delivery.digest);
        await this.store.deliveryDone(delivery.digest.id, delivery.channel);
      } catch (error) {
        const retryAt = this.clock.now() + backoffDelay(delivery.attempts, 1_000, 300_000);
        this.logger.pino.warn(
          { err: error, digest: delivery.digest.id, channel: delivery.channel },
          'notification channel failed; will retry',
        );
        await this.store.deliveryFailed(
          delivery.digest.id,
          delivery.channel,
          (error as Error).message,
          new Date(retryAt).toISOString(),
        );
      }
    }
  }
}
