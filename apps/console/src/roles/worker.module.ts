import { Global, Module } from '@nestjs/common';
import { InboxChannel, WebhookChannel, WebsocketRoomChannel } from '../notifications/channels';
import { DigestDispatcher } from '../notifications/digest-dispatcher';
import { NotificationChannels } from '../notifications/notification-channel';
import { NotifierIntake } from '../notifications/notifier-intake';
import { WebhookDispatcher } from '../notifications/webhook-dispatcher';
import { EscalationSweep } from '../notifications/outbound/escalation-sweep';
import { OutboundDispatcher } from '../notifications/outbound/outbound-dispatcher';
import { OutboundRouter } from '../notifications/outbound/outbound-router';
import { OutboundSenders } from '../notifications/outbound/outbound-senders';
import { AlertsOutboxRelay } from '../outbox/alerts-outbox.relay';
import { ReplayRunner } from '../replay/replay-runner';
import { OverdueSweep } from '../signals/overdue-sweep';
import { SignalRegistrar } from '../signals/signal-registrar';
import { WallGateway } from '../wall/wall.gateway';

/**
 * Role `worker`: the background work. The registrar gives new signals their response deadline and
 * escalation, the overdue sweep flags missed deadlines, the outbox relay publishes the lifecycle's
 * changes, the notifier turns changes into department digests (inbox, webhooks, email, robots,
 * SMS, and the department's socket room when the `ws` role runs in the same process), the
 * escalation sweep re-sends unanswered 督办 notices (ADR 14), and the replay runner
 * takes the queued window replays. It exports what the other roles kick when they run beside it:
 * the relay, the registrar, the webhook dispatcher and the replay runner; apart, those run on
 * their own intervals.
 */
@Global()
@Module({
  providers: [
    AlertsOutboxRelay,
    SignalRegistrar,
    OverdueSweep,
    InboxChannel,
    WebhookChannel,
    OutboundSenders,
    OutboundDispatcher,
    OutboundRouter,
    EscalationSweep,
    {
      provide: NotificationChannels,
      inject: [InboxChannel, WebhookChannel, OutboundRouter, { token: WallGateway, optional: true }],
      useFactory: (
        inbox: InboxChannel,
        webhook: WebhookChannel,
        outbound: OutboundRouter,
        wall?: WallGateway,
      ) =>
        new NotificationChannels([
          ...(wall ? [new WebsocketRoomChannel(wall)] : []),
          inbox,
          webhook,
          outbound,
        ]),
    },
    DigestDispatcher,
    WebhookDispatcher,
    NotifierIntake,
    ReplayRunner,
  ],
  exports: [AlertsOutboxRelay, SignalRegistrar, WebhookDispatcher, OutboundDispatcher, ReplayRunner],
})
export class WorkerModule {}
