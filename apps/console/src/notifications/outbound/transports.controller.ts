import { BadRequestException, ConflictException, Inject, Put } from '@nestjs/common';
import { z } from 'zod';
import { Actor, TransportsView } from '@app/contracts';
import { NotificationSettingsStore } from '@app/persistence';
import { RequestActor, Roles } from '../../auth/decorators';
import { ApiController, ApiRoute, ReadRoute } from '../../common/api-routes';
import { ZodBody } from '../../common/zod-api';
import { smsBody } from '../transports/sms-gateway';
import { OutboundContext } from './outbound-context';

const smtpRequest = z.object({
  host: z.string().trim().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean().default(false),
  username: z.string().max(255).nullable().default(null),
  password: z.string().max(500).optional().describe('kept when omitted'),
  from: z.string().trim().min(3).max(255).describe('e.g. 电子监察平台 <noreply@jiancha.gov.cn>'),
});
const smsRequest = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  appKey: z.string().trim().min(1).max(200),
  secret: z.string().min(8).max(500).optional().describe('kept when omitted'),
  signName: z.string().trim().min(1).max(20).describe('the SMS signature, e.g. 监察中心'),
  bodyTemplate: z.string().min(2).max(4000),
});
const transportsView = z.object({ publicUrl: z.string(), smtp: z.unknown(), sms: z.unknown() });

/** The office's mail server and SMS gateway (administrators; secrets sealed, never shown; audited). */
@ApiController('transports 通知渠道', 'api/admin/transports')
@Roles('administrator')
export class TransportsController {
  constructor(
    @Inject(NotificationSettingsStore) private readonly settings: NotificationSettingsStore,
    @Inject(OutboundContext) private readonly context: OutboundContext,
  ) {}

  @ReadRoute(undefined, {
    summary: 'The mail server and the SMS gateway, without their secrets',
    answers: ['transports', transportsView],
    refusals: [401, 403],
  })
  read(): Promise<TransportsView> {
    return this.settings.transports(this.context.publicUrl);
  }

  @Put('smtp')
  @ApiRoute({
    summary: 'Set the mail server (audited)',
    answers: ['transports', transportsView],
    refusals: [400, 401, 403],
  })
  async saveSmtp(
    @ZodBody(smtpRequest) body: z.infer<typeof smtpRequest>,
    @RequestActor() actor: Actor,
  ): Promise<TransportsView> {
    await this.settings.saveSmtp(body, actor);
    return this.read();
  }

  @Put('sms')
  @ApiRoute({
    summary: 'Set the SMS gateway: URL, app key, secret, signature and the JSON body template (audited)',
    answers: ['transports', transportsView],
    refusals: [400, 401, 403, 409],
  })
  async saveSms(
    @ZodBody(smsRequest) body: z.infer<typeof smsRequest>,
    @RequestActor() actor: Actor,
  ): Promise<TransportsView> {
    try {
      JSON.parse(
        smsBody(body.bodyTemplate, {
          to: '13800138000',
          text: '测试"\n',
          requestId: 'x',
          signName: body.signName,
        }),
      );
    } catch (error) {
      throw new BadRequestException(`bodyTemplate: ${(error as Error).message}`);
    }
    if ((await this.settings.saveSms(body, actor)) === 'needs-secret')
      throw new ConflictException('secret: a new SMS gateway needs its secret');
    return this.read();
  }
}
