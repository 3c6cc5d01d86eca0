import { Inject, Injectable } from '@nestjs/common';
import { NotificationDigest, NotificationStore, WebhookStore } from '@app/persistence';
import { Clock } from '@app/platform';
import { WallGateway } from '../wall/wall.gateway';
import { digestTitle, NotificationChannel } from './notification-channel';
import { WebhookDispatcher } from './webhook-dispatcher';

/** The department's socket.io room: live, at most once (a client reloads its inbox on connect). */
@Injectable()
export class WebsocketRoomChannel implements NotificationChannel {
  readonly name = 'websocket';

  constructor(@Inject(WallGateway) private readonly wall: WallGateway) {}

  deliver(digest: NotificationDigest): Promise<void> {
    this.wall.notifyDepartment(digest.departmentId, { ...digest.body, title: digestTitle(digest) });
    return Promise.resolve();
  }
}

/** The persistent inbox: kept until read and acknowledged by the department. */
@Injectable()
export class InboxChannel implements NotificationChannel {
  readonly name = 'inbox';

  constructor(@Inject(NotificationStore) private readonly store: NotificationStore) {}

  deliver(digest: NotificationDigest): Promise<void> {
    return this.store.addToInbox(digest, digestTitle(digest));
  }
}

/**
 * The department's signed webhook: queues one delivery per digest (the exact body, signed at
 * every attempt), which the `WebhookDispatcher` sends with retries. No webhook, nothing queued.
 */
@Injectable()
export class WebhookChannel implements NotificationChannel {
  readonly name = 'webhook';

  constructor(
    @Inject(WebhookStore) private readonly webhooks: WebhookStore,
    @Inject(WebhookDispatcher) private readonly dispatcher: WebhookDispatcher,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async deliver(digest: NotificationDigest): Promise<void> {
    const queued = await this.webhooks.enqueue({
      digestId: digest.id,
      departmentId: digest.departmentId,
      body: JSON.stringify(digest.body),
      now: new Date(this.clock.now()).toISOString(),
    });
    if (queued) this.dispatcher.kick();
  }
}
