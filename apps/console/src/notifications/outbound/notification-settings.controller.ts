import {
  BadRequestException,
  ConflictException,
  Delete,
  HttpCode,
  Inject,
  Optional,
  Param,
  Put,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  Actor,
  AUDIENCES,
  CONTACT_ROLES,
  NotificationSettings,
  OUTBOUND_CHANNELS,
  OutboundChannel,
  OutboundMessageView,
  ROBOT_KINDS,
  SUPERVISION_OFFICE,
} from '@app/contracts';
import { CatalogVersionStore, NotificationSettingsStore, OutboundStore } from '@app/persistence';
import { Clock } from '@app/platform';
import { RULES, ruleFamily } from '@app/rules';
import { AuthenticatedUser } from '../../auth/authenticated-user';
import { CurrentUser, RequestActor, Roles } from '../../auth/decorators';
import { ApiController, ApiRoute, CreateRoute, ReadRoute } from '../../common/api-routes';
import { OutOfScopeException } from '../../common/lookups';
import { ZodBody } from '../../common/zod-api';
import { knownDepartments } from '../../catalog/known-departments';
import { ReferenceData } from '../../reference/reference-data';
import { testContent } from './outbound-content';
import { OutboundContext } from './outbound-context';
import { OutboundDispatcher } from './outbound-dispatcher';
import { recipientsOf } from './outbound-routing';

const FAMILIES = [...new Set(RULES.map((rule) => ruleFamily(rule.id)))];
const CHANNEL_NAMES: Record<OutboundChannel, string> = {
  email: '邮件',
  dingtalk: '钉钉机器人',
  wecom: '企业微信机器人',
  sms: '短信',
};

/** A path parameter that must be one of a few names: 400 naming them otherwise. */
function oneOf<T extends string>(values: readonly T[], value: string, name: string): T {
  const found = values.find((candidate) => candidate === value);
  if (found === undefined) throw new BadRequestException(`${name}: expected one of ${values.join(', ')}`);
  return found;
}

const mobile = z.string().regex(/^1[3-9]\d{9}$/, 'a mainland mobile number of 11 digits, e.g. 13800138000');
const contact = z.object({
  role: z.enum(CONTACT_ROLES),
  name: z.string().trim().min(1).max(50),
  email: z.email().max(200).nullable().default(null),
  mobile: mobile.nullable().default(null),
  actorId: z.string().trim().min(1).max(128).nullable().default(null),
});
const subscription = z
  .object({
    channel: z.enum(OUTBOUND_CHANNELS),
    levels: z.array(z.enum(['red', 'yellow', 'warning'])).min(1, 'choose at least one level'),
    families: z.array(z.enum(FAMILIES as [string, ...string[]])).default([]),
    audience: z.array(z.enum(AUDIENCES)).default([]),
    enabled: z.boolean().default(true),
  })
  .refine((entry) => entry.channel === 'dingtalk' || entry.channel === 'wecom' || entry.audience.length > 0, {
    message: 'an email or SMS subscription reaches the contact, the head or both: choose at least one',
    path: ['audience'],
  });
const settingsRequest = z.object({
  contacts: z
    .array(contact)
    .max(50)
    .refine((list) => list.every((entry) => entry.role !== 'handler' || entry.actorId !== null), {
      message: 'a handler (经办人) needs the actorId the business systems send',
    }),
  subscriptions: z.array(subscription).max(50),
});
const robotRequest = z.object({
  label: z.string().trim().min(1).max(50),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional()
    .describe('the robot webhook with its access_token (DingTalk) or key (WeCom); kept when omitted'),
  signSecret: z
    .string()
    .max(200)
    .optional()
    .describe('DingTalk 加签 secret (SEC…); kept when omitted, removed when empty'),
  enabled: z.boolean().default(true),
});

const settingsView = z.object({
  departmentId: z.string(),
  contacts: z.array(contact.extend({ id: z.string() })),
  robots: z.array(z.object({ kind: z.enum(ROBOT_KINDS), label: z.string(), urlHint: z.string() }).loose()),
  subscriptions: z.array(z.object({ id: z.string(), channel: z.enum(OUTBOUND_CHANNELS) }).loose()),
});
const messageView = z
  .object({ id: z.number(), status: z.string(), channel: z.enum(OUTBOUND_CHANNELS) })
  .loose();

/**
 * A department's notification settings (ADR 14): its contacts, group robots and subscriptions, and
 * "send a test" per channel. Administrators edit every department and the office (`office`); an
 * officer edits their own department (another's answers 404, recorded). Every change is audited.
 */
@ApiController('notification settings 通知设置', 'api')
@Roles('administrator', 'department_officer')
export class NotificationSettingsController {
  constructor(
    @Inject(NotificationSettingsStore) private readonly settings: NotificationSettingsStore,
    @Inject(OutboundStore) private readonly outbound: OutboundStore,
    @Inject(OutboundContext) private readonly context: OutboundContext,
    @Inject(ReferenceData) private readonly reference: ReferenceData,
    @Inject(CatalogVersionStore) private readonly catalog: CatalogVersionStore,
    @Inject(Clock) private readonly clock: Clock,
    // the worker role's dispatcher, when it runs in this process; apart, it polls on its own
    @Optional() @Inject(OutboundDispatcher) private readonly dispatcher: OutboundDispatcher | undefined,
  ) {}

  @ReadRoute('notification-families', {
    summary: 'The rule families a subscription may name, with their titles',
    answers: ['families', z.array(z.object({ id: z.string(), zh: z.string(), en: z.string() }))],
    refusals: [401, 403],
  })
  families(): { id: string; zh: string; en: string }[] {
    return FAMILIES.map((id) => {
      const rule = RULES.find((candidate) => ruleFamily(candidate.id) === id);
      const title = rule?.family?.title ?? rule?.title ?? { zh: id, en: id };
      return { id, zh: title.zh, en: title.en };
    });
  }

  @ReadRoute('departments/:departmentId/notification-settings', {
    summary: 'A department’s contacts, robots (secrets masked) and subscriptions',
    answers: ['settings', settingsView],
    refusals: [401, 403, 404],
  })
  async read(
    @Param('departmentId') departmentId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<NotificationSettings> {
    await this.editable(user, departmentId);
    return this.settings.settings(departmentId);
  }

  @Put('departments/:departmentId/notification-settings')
  @ApiRoute({
    summary: 'Replace a department’s contacts and subscriptions (audited)',
    answers: ['settings', settingsView],
    refusals: [400, 401, 403, 404],
  })
  async save(
    @Param('departmentId') departmentId: string,
    @ZodBody(settingsRequest) body: z.infer<typeof settingsRequest>,
    @CurrentUser() user: AuthenticatedUser,
    @RequestActor() actor: Actor,
  ): Promise<NotificationSettings> {
    await this.editable(user, departmentId);
    return this.settings.saveSettings(departmentId, body, actor);
  }

  @Put('departments/:departmentId/robots/:kind')
  @ApiRoute({
    summary: 'Create or change a group robot; its URL and secret are sealed and never shown again (audited)',
    answers: ['the robot', settingsView.shape.robots.element],
    refusals: [400, 401, 403, 404],
  })
  async saveRobot(
    @Param('departmentId') departmentId: string,
    @Param('kind') kind: string,
    @ZodBody(robotRequest) body: z.infer<typeof robotRequest>,
    @CurrentUser() user: AuthenticatedUser,
    @RequestActor() actor: Actor,
  ) {
    await this.editable(user, departmentId);
    const robotKind = oneOf(ROBOT_KINDS, kind, 'kind');
    const saved = await this.settings.saveRobot(departmentId, robotKind, body, actor);
    if (saved === 'needs-url')
      throw new ConflictException(`url: a new ${robotKind} robot needs its webhook URL`);
    return saved;
  }

  @Delete('departments/:departmentId/robots/:kind')
  @HttpCode(204)
  @ApiRoute({ summary: 'Remove a group robot (audited)', refusals: [401, 403, 404] })
  async removeRobot(
    @Param('departmentId') departmentId: string,
    @Param('kind') kind: string,
    @CurrentUser() user: AuthenticatedUser,
    @RequestActor() actor: Actor,
  ): Promise<void> {
    await this.editable(user, departmentId);
    const robotKind = oneOf(ROBOT_KINDS, kind, 'kind');
    if (!(await this.settings.deleteRobot(departmentId, robotKind, actor)))
      throw new OutOfScopeException(`${robotKind} robot of ${departmentId}`, 'no such robot');
  }

  @CreateRoute('departments/:departmentId/channels/:channel/test', {
    summary: 'Send a test through a channel to every recipient it has now (quiet hours do not apply)',
    answers: ['the queued messages', z.object({ messages: z.array(messageView) })],
    refusals: [401, 403, 404, 409],
  })
  @HttpCode(202)
  async test(
    @Param('departmentId') departmentId: string,
    @Param('channel') channelParam: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<{ messages: OutboundMessageView[] }> {
    await this.editable(user, departmentId);
    const channel = oneOf(OUTBOUND_CHANNELS, channelParam, 'channel');
    const routing = await this.settings.settings(departmentId);
    const recipients = recipientsOf(channel, ['contact', 'head', 'handler'], routing);
    if (recipients.length === 0)
      throw new ConflictException(
        channel === 'dingtalk' || channel === 'wecom'
          ? `the department has no enabled ${channel} robot`
          : `no contact of the department has ${channel === 'email' ? 'an email address' : 'a mobile number'}`,
      );
    const now = new Date(this.clock.now()).toISOString();
    const content = testContent(
      CHANNEL_NAMES[channel],
      this.context.forDepartment(departmentId),
      user.username,
    );
    const run = randomUUID();
    const ids = await this.outbound.enqueue(
      recipients.map((recipient) => ({
        dedupeKey: `test:${run}:${recipient.channel}:${recipient.address}`,
        purpose: 'test',
        departmentId,
        alertKey: null,
        channel,
        recipientAddress: recipient.address,
        recipientName: recipient.name,
        recipientHint: recipient.hint,
        mentionMobiles: [],
        level: null,
        content,
        held: false,
        notBefore: now,
      })),
    );
    this.dispatcher?.kick();
    return { messages: await this.outbound.messages({ ids, limit: ids.length }) };
  }

  /** Administrators: any known department and the office; officers: their own (another's: 404). */
  private async editable(user: AuthenticatedUser, departmentId: string): Promise<void> {
    if (user.role === 'department_officer') {
      if (user.departmentId !== departmentId)
        throw new OutOfScopeException(
          `department ${departmentId}`,
          `notification settings of another department`,
        );
      return;
    }
    if (departmentId === SUPERVISION_OFFICE) return;
    const known = await knownDepartments(this.reference, this.catalog);
    if (known.size > 0 && !known.has(departmentId))
      throw new OutOfScopeException(`department ${departmentId}`, 'unknown department');
  }
}
