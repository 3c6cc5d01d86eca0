import { Inject, Injectable } from '@nestjs/common';
import { SYSTEM_ACTOR } from '@app/contracts';
import {
  NewOutboundMessage,
  NewTransition,
  NotificationDigest,
  NotificationSettingsStore,
  OutboundStore,
} from '@app/persistence';
import { Clock } from '@app/platform';
import { LifecycleStatus, ruleFamily } from '@app/rules';
import type { NotificationChannel } from '../notification-channel';
import { digestContent, reminderContent } from './outbound-content';
import { OutboundContext } from './outbound-context';
import { OutboundDispatcher } from './outbound-dispatcher';
import { routeDigest } from './outbound-routing';

/** A reminder in the TIME_WARNING's audit trail: who it went to, how, and when it goes. */
function reminderEntry(
  message: NewOutboundMessage,
  now: string,
  status: LifecycleStatus,
  formatInstant: (iso: string) => string,
): NewTransition {
  const when = message.held ? `，工作时间外，将于 ${formatInstant(message.notBefore)} 发送` : '';
  return {
    alertKey: message.alertKey as string,
    action: 'remind-handler',
    fromStatus: status,
    toStatus: status,
    actor: SYSTEM_ACTOR,
    at: now,
    text: `到期提醒已发经办人 ${message.recipientName}（${message.channel} ${message.recipientHint}）${when}`,
    details: { channel: message.channel, held: message.held, notBefore: message.notBefore },
  };
}

/**
 * The digest channel of email, robots and SMS: queues the digest's messages by the department's
 * subscriptions (and each TIME_WARNING's reminder to its handler), under quiet hours, then kicks
 * the dispatcher. Idempotent by digest: a retried delivery queues nothing twice.
 */
@Injectable()
export class OutboundRouter implements NotificationChannel {
  readonly name = 'outbound';

  constructor(
    @Inject(NotificationSettingsStore) private readonly settings: NotificationSettingsStore,
    @Inject(OutboundStore) private readonly outbound: OutboundStore,
    @Inject(OutboundContext) private readonly context: OutboundContext,
    @Inject(OutboundDispatcher) private readonly dispatcher: OutboundDispatcher,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async deliver(digest: NotificationDigest): Promise<void> {
    const routing = await this.settings.settings(digest.departmentId);
    if (routing.subscriptions.length === 0 && routing.contacts.length === 0 && routing.robots.length === 0)
      return;
    const handlers = new Map<string, { id: string; name: string | null }>();
    for (const entry of digest.body.changes) {
      if (entry.ruleId !== 'TIME_WARNING' || entry.kind !== 'raised' || handlers.has(entry.caseId)) continue;
      const handler = await this.outbound.caseHandler(entry.caseId);
      if (handler) handlers.set(entry.caseId, handler);
    }
    const context = this.context.forDepartment(digest.departmentId);
    const messages = routeDigest({
      digestId: digest.id,
      departmentId: digest.departmentId,
      routing,
      entries: digest.body.changes,
      handlers,
      family: ruleFamily,
      quiet: this.context.quiet(this.clock.now()),
      digest: (entries) => digestContent(digest.departmentId, entries, context),
      reminder: (entry, name) => reminderContent(digest.departmentId, entry, name, context),
    });
    const now = new Date(this.clock.now()).toISOString();
    const statusOf = new Map(digest.body.changes.map((change) => [change.alertKey, change.status]));
    const queued = await this.outbound.enqueue(messages, (fresh) =>
      fresh
        .filter((message) => message.purpose === 'reminder' && message.alertKey !== null)
        .map((message) =>
          reminderEntry(message, now, statusOf.get(message.alertKey as string) ?? 'open', (iso) =>
            this.context.formatInstant(iso),
          ),
        ),
    );
    if (queued.length > 0) this.dispatcher.kick();
  }
}
