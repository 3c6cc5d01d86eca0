import { Inject, Injectable } from '@nestjs/common';
import { ClaimedOutboundMessage, NotificationSettingsStore } from '@app/persistence';
import { TypedConfig } from '@app/platform';
import { sendDingTalk } from '../transports/dingtalk-robot';
import { sendSms, smsText } from '../transports/sms-gateway';
import { sendEmail } from '../transports/smtp-transport';
import type { SendAnswer } from '../transports/transport-answer';
import { sendWeCom } from '../transports/wecom-robot';

/** What a send reads of the configuration: the mail server, the SMS gateway, a robot. */
type BatchSettings = Pick<NotificationSettingsStore, 'smtp' | 'smsGateway' | 'robotEndpoint'>;

/**
 * Sends one claimed message through its channel's transport, with the office's mail server or SMS
 * gateway or the department's robot as they are configured at the attempt (a message queued before
 * the configuration goes out once it exists). Never throws: a missing configuration is a failed
 * attempt that says so. Every message carries a stable id (Message-ID, the SMS request id).
 */
@Injectable()
export class OutboundSenders {
  constructor(
    @Inject(NotificationSettingsStore) private readonly settings: NotificationSettingsStore,
    @Inject(TypedConfig) private readonly config: TypedConfig,
  ) {}

  /**
   * A sender for one batch of claimed messages: the mail server, the SMS gateway and each robot
   * are read (and their secrets opened) once for the batch, not once per message.
   */
  forBatch(): (message: ClaimedOutboundMessage) => Promise<SendAnswer> {
    const once = new Map<string, Promise<unknown>>();
    const memo = <T>(key: string, read: () => Promise<T>): Promise<T> => {
      const found = once.get(key) ?? read();
      once.set(key, found);
      return found as Promise<T>;
    };
    const settings: BatchSettings = {
      smtp: () => memo('smtp', () => this.settings.smtp()),
      smsGateway: () => memo('sms', () => this.settings.smsGateway()),
      robotEndpoint: (departmentId, kind) =>
        memo(`robot:${departmentId}/${kind}`, () => this.settings.robotEndpoint(departmentId, kind)),
    };
    return (message) => this.send(message, settings);
  }

  private async send(message: ClaimedOutboundMessage, settings: BatchSettings): Promise<SendAnswer> {
    const timeoutMs = this.config.values.OUTBOUND_TIMEOUT_MS;
    const requestId = `jiancha-msg-${message.id}`;
    switch (message.channel) {
      case 'email': {
        const smtp = await settings.smtp();
        if (!smtp) return unreachable('no mail server is configured (后台管理 → 通知渠道)');
        return sendEmail(
          smtp,
          {
            messageId: requestId,
            to: [{ name: message.recipientName, address: message.recipientAddress }],
            subject: message.content.subject,
            text: message.content.text,
            html: message.content.html,
          },
          timeoutMs,
        );
      }
      case 'sms': {
        const gateway = await settings.smsGateway();
        if (!gateway) return unreachable('no SMS gateway is configured (后台管理 → 通知渠道)');
        return sendSms(
          gateway,
          { to: message.recipientAddress, text: smsText(message.content.short, gateway.signName), requestId },
          wireNow(),
          timeoutMs,
        );
      }
      case 'dingtalk':
      case 'wecom': {
        const robot = await settings.robotEndpoint(message.departmentId, message.channel);
        if (!robot || !robot.enabled)
          return unreachable(`the department has no enabled ${message.channel} robot`);
        const robotMessage = {
          title: message.content.subject,
          markdown: message.content.text,
          mentionMobiles: message.mentionMobiles,
        };
        return message.channel === 'dingtalk'
          ? sendDingTalk(robot, robotMessage, wireNow(), timeoutMs)
          : sendWeCom(robot, robotMessage, timeoutMs);
      }
    }
  }
}

/**
 * The instant a signature carries: the machine's, never the console's `Clock` — the receiver checks
 * it against its own clock, whatever time the business logic is told it is (a test clock).
 */
function wireNow(): number {
  return Date.now();
}

function unreachable(why: string): SendAnswer {
  return { ok: false, answer: why, statusCode: null };
}
