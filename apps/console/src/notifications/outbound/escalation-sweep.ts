import { Inject, Injectable } from '@nestjs/common';
import { SYSTEM_ACTOR } from '@app/contracts';
import {
  EscalationCandidate,
  EscalationStep,
  NotificationSettingsStore,
  OutboundStore,
} from '@app/persistence';
import { AppLogger, Clock, TypedConfig } from '@app/platform';
import { BackgroundJob, inBatches } from '../../common/background-job';
import { ReferenceData } from '../../reference/reference-data';
import { escalationContent } from './outbound-content';
import { OutboundContext } from './outbound-context';
import { OutboundDispatcher } from './outbound-dispatcher';
import { recipientsOf } from './outbound-routing';

const BATCH = 200;

/**
 * 督办 escalation (ADR 14). A yellow or red signal still unanswered (open or only signed for) when
 * its response deadline passes is re-sent to the department's head (email and SMS to every head
 * contact); unanswered again ESCALATION_OFFICE_DAYS working days later, it goes to the supervision
 * office (升级督办: the office's contacts and robots). Each step is recorded once per signal, with
 * its audit entry in the signal's trail and its messages, in one transaction.
 */
@Injectable()
export class EscalationSweep extends BackgroundJob {
  constructor(
    @Inject(OutboundStore) private readonly outbound: OutboundStore,
    @Inject(NotificationSettingsStore) private readonly settings: NotificationSettingsStore,
    @Inject(OutboundContext) private readonly context: OutboundContext,
    @Inject(OutboundDispatcher) private readonly dispatcher: OutboundDispatcher,
    @Inject(ReferenceData) private readonly reference: ReferenceData,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TypedConfig) private readonly config: TypedConfig,
    @Inject(AppLogger) logger: AppLogger,
  ) {
    super('escalation sweep', logger);
  }

  override get intervalMs(): number {
    return this.config.values.ESCALATION_SWEEP_INTERVAL_MS;
  }

  /** Takes every step due at the clock's instant; returns how many. */
  override async run(): Promise<number> {
    const nowMs = this.clock.now();
    const now = new Date(nowMs).toISOString();
    let recorded = 0;
    for (const step of ['head', 'office'] as const) {
      await inBatches(BATCH, async () => {
        const due =
          step === 'head'
            ? await this.outbound.dueForHead(now, BATCH)
            : await this.outbound.dueForOffice(now, BATCH);
        const steps = await Promise.all(due.map((candidate) => this.stepFor(step, candidate, nowMs)));
        recorded += await this.outbound.recordEscalations(steps);
        return due.length;
      });
    }
    if (recorded > 0) this.dispatcher.kick();
    return recorded;
  }

  /** When the office step falls due: ESCALATION_OFFICE_DAYS working days after the response deadline. */
  officeDueAt(responseDueAt: string): string {
    const calendar = this.reference.calendar;
    const deadline = Date.parse(responseDueAt);
    const day = calendar.dateOf(deadline);
    const offsetInDay = deadline - calendar.startOf(day);
    const later = calendar.addDays(day, this.config.values.ESCALATION_OFFICE_DAYS);
    return new Date(calendar.startOf(later) + offsetInDay).toISOString();
  }

  private async stepFor(
    step: 'head' | 'office',
    signal: EscalationCandidate,
    nowMs: number,
  ): Promise<EscalationStep> {
    const now = new Date(nowMs).toISOString();
    const target = step === 'head' ? signal.departmentId : 'office';
    const routing = await this.settings.settings(target);
    const context = this.context.forDepartment(signal.departmentId);
    const content = escalationContent(step, signal, context);
    const quiet = this.context.quiet(nowMs);
    const audience = step === 'head' ? ['head'] : ['contact', 'head'];
    const channels =
      step === 'head' ? (['email', 'sms'] as const) : (['email', 'sms', 'dingtalk', 'wecom'] as const);
    const recipients = channels.flatMap((channel) => recipientsOf(channel, audience, routing));
    const names = recipients.map((recipient) => `${recipient.name}（${recipient.hint}）`);
    return {
      alertKey: signal.alertKey,
      step,
      at: now,
      nextDueAt: step === 'head' ? this.officeDueAt(signal.responseDueAt) : null,
      transition: {
        alertKey: signal.alertKey,
        action: step === 'head' ? 'escalate-head' : 'escalate-office',
        fromStatus: signal.status as EscalationStep['transition']['fromStatus'],
        toStatus: signal.status as EscalationStep['transition']['toStatus'],
        actor: SYSTEM_ACTOR,
        at: now,
        text:
          step === 'head'
            ? `督办期限已过仍未答复：通知书重发部门负责人${names.length > 0 ? `（${names.join('、')}）` : '（未登记负责人联系方式）'}`
            : `经重发仍未答复：升级督办，提请监察室处理${names.length > 0 ? `（${names.join('、')}）` : '（监察室未登记联系方式）'}`,
        details: { step, responseDueAt: signal.responseDueAt, recipients: recipients.length },
      },
      messages: recipients.map((recipient) => ({
        dedupeKey: `escalation-${step}:${signal.alertKey}:${recipient.channel}:${recipient.address}`,
        purpose: step === 'head' ? 'escalation-head' : 'escalation-office',
        departmentId: target,
        alertKey: signal.alertKey,
        channel: recipient.channel,
        recipientAddress: recipient.address,
        recipientName: recipient.name,
        recipientHint: recipient.hint,
        mentionMobiles: [],
        level: signal.level,
        content,
        ...quiet(signal.level, recipient.channel),
      })),
    };
  }
}
