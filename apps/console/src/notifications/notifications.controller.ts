import { BadRequestException, Delete, Inject, NotFoundException, Optional, Param, Put } from '@nestjs/common';
import { z } from 'zod';
import {
  CatalogVersionStore,
  InboxMessage,
  NotificationDigest,
  NotificationStore,
  WebhookAttempt,
  WebhookConfig,
  WebhookDelivery,
  WebhookStore,
} from '@app/persistence';
import { Actor } from '@app/contracts';
import { Clock } from '@app/platform';
import { AuthenticatedUser, readableDepartment, scopeOf } from '../auth/authenticated-user';
import { CurrentUser, RequestActor, Roles } from '../auth/decorators';
import { ActionRoute, ApiController, ApiRoute, ReadRoute } from '../common/api-routes';
import { inScope, orNotFound } from '../common/lookups';
import { ZodBody, ZodQuery } from '../common/zod-api';
import { ParseIdPipe } from '../common/request-pipes';
import { knownDepartments } from '../catalog/known-departments';
import { ReferenceData } from '../reference/reference-data';
import { newWebhookSecret } from './webhook-signature';
import { WebhookDispatcher } from './webhook-dispatcher';

const limit = z.coerce.number().int().min(1).max(1000).default(50);

const digestBody = z.object({
  digestId: z.number(),
  departmentId: z.string(),
  createdAt: z.string(),
  changes: z.array(
    z.object({
      sequence: z.number(),
      kind: z.string(),
      alertKey: z.string(),
      caseId: z.string(),
      itemCode: z.string(),
      ruleId: z.string(),
      level: z.string(),
      stage: z.string(),
      message: z.string(),
      raisedAt: z.string(),
      reason: z.string().nullable(),
      status: z.string().nullable(),
      responseDueAt: z.string().nullable(),
      escalatedTo: z.string().nullable(),
    }),
  ),
});

const inboxView = z.object({
  id: z.number(),
  departmentId: z.string(),
  digestId: z.number(),
  title: z.string(),
  body: digestBody,
  createdAt: z.string(),
  readAt: z.string().nullable(),
  readBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
});

const digestView = z.object({
  id: z.number(),
  departmentId: z.string(),
  createdAt: z.string(),
  itemCount: z.number(),
  firstSequence: z.number(),
  lastSequence: z.number(),
  body: digestBody,
});

const inboxQuery = z.object({
  unread: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .default(false),
  departmentId: z.string().min(1).optional(),
  limit,
});
const digestQuery = z.object({ departmentId: z.string().min(1).optional(), limit });

const webhookView = z.object({
  departmentId: z.string(),
  url: z.string(),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
const savedWebhookView = webhookView.extend({
  secret: z
    .string()
    .nullable()
    .describe('the HMAC-SHA256 key, shown only when created or rotated: store it now'),
});
const webhookRequest = z.object({
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .describe('http(s) URL that receives POSTed digests'),
  enabled: z.boolean().default(true),
  rotateSecret: z.boolean().default(false),
});

const deliveryView = z.object({
  id: z.number(),
  digestId: z.number(),
  departmentId: z.string(),
  url: z.string(),
  body: z.string(),
  status: z.enum(['pending', 'delivered', 'dead']),
  attempts: z.number(),
  nextAttemptAt: z.string(),
  lastStatusCode: z.number().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  deadAt: z.string().nullable(),
});
const attemptView = z.object({
  attempt: z.number(),
  at: z.string(),
  statusCode: z.number().nullable(),
  error: z.string().nullable(),
  durationMs: z.number(),
});
const deliveryQuery = z.object({
  status: z.enum(['pending', 'delivered', 'dead']).optional(),
  departmentId: z.string().min(1).optional(),
  limit,
});

/** The persistent inbox and the digests of each department. */
@ApiController('notifications 通知', 'api')
export class NotificationsController {
  constructor(
    @Inject(NotificationStore) private readonly notifications: NotificationStore,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @ReadRoute('inbox', {
    summary: 'The inbox, newest first (an officer: their department)',
    answers: ['messages', z.array(inboxView)],
    refusals: [400, 401, 403],
  })
  @Roles('department_officer', 'supervisor', 'auditor')
  inbox(
    @ZodQuery(inboxQuery) query: z.infer<typeof inboxQuery>,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<InboxMessage[]> {
    return this.notifications.inbox({
      departmentId: readableDepartment(user, query.departmentId),
      unreadOnly: query.unread,
      limit: query.limit,
    });
  }

  @ActionRoute('inbox/:id/read', {
    summary: 'Mark a message read (an officer of its department)',
    answers: ['the message', inboxView],
    refusals: [401, 403, 404],
  })
  @Roles('department_officer')
  read(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthenticatedUser): Promise<InboxMessage> {
    return this.mark(id, user, 'read');
  }

  @ActionRoute('inbox/:id/acknowledge', {
    summary: 'Acknowledge a message: the department took note (implies read)',
    answers: ['the message', inboxView],
    refusals: [401, 403, 404],
  })
  @Roles('department_officer')
  acknowledge(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<InboxMessage> {
    return this.mark(id, user, 'acknowledged');
  }

  @ReadRoute('notifications/digests', {
    summary: 'Digests sent to departments, newest first',
    answers: ['digests', z.array(digestView)],
    refusals: [400, 401, 403],
  })
  @Roles('supervisor', 'auditor', 'administrator', 'department_officer')
  digests(
    @ZodQuery(digestQuery) query: z.infer<typeof digestQuery>,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<NotificationDigest[]> {
    return this.notifications.digests({
      departmentId: readableDepartment(user, query.departmentId),
      limit: query.limit,
    });
  }

  private async mark(
    id: number,
    user: AuthenticatedUser,
    mark: 'read' | 'acknowledged',
  ): Promise<InboxMessage> {
    const result = await this.notifications.markInbox(id, {
      departmentId: scopeOf(user).departmentId,
      mark,
      username: user.username,
      now: new Date(this.clock.now()).toISOString(),
    });
    return inScope(result, `message ${id}`);
  }
}

/** Per-department webhooks and their deliveries: administrators only. */
@ApiController('webhooks 回调', 'api')
@Roles('administrator')
export class WebhooksController {
  constructor(
    @Inject(WebhookStore) private readonly webhooks: WebhookStore,
    // the worker role's dispatcher, when it runs in this process; apart, it polls on its interval
    @Optional() @Inject(WebhookDispatcher) private readonly dispatcher: WebhookDispatcher | undefined,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(ReferenceData) private readonly reference: ReferenceData,
    @Inject(CatalogVersionStore) private readonly catalog: CatalogVersionStore,
  ) {}

  @ReadRoute('webhooks', {
    summary: 'Every department webhook (without secrets)',
    answers: ['webhooks', z.array(webhookView)],
    refusals: [401, 403],
  })
  list(): Promise<WebhookConfig[]> {
    return this.webhooks.configs();
  }

  @Put('departments/:departmentId/webhook')
  @ApiRoute({
    summary:
      'Create or change a department’s webhook; the secret is returned once, when created or rotated (audited)',
    answers: ['saved', savedWebhookView],
    refusals: [400, 401, 403],
  })
  async save(
    @Param('departmentId') departmentId: string,
    @ZodBody(webhookRequest) body: z.infer<typeof webhookRequest>,
    @RequestActor() actor: Actor,
  ): Promise<z.infer<typeof savedWebhookView>> {
    const known = await knownDepartments(this.reference, this.catalog);
    if (known.size > 0 && !known.has(departmentId))
      throw new BadRequestException(`departmentId: ${departmentId} is not a department of the catalogue`);
    const existing = await this.webhooks.config(departmentId);
    const secret = existing === null || body.rotateSecret ? newWebhookSecret() : null;
    const saved = await this.webhooks.saveConfig(
      departmentId,
      { url: body.url, enabled: body.enabled, newSecret: secret },
      actor,
    );
    return { ...saved, secret };
  }

  @Delete('departments/:departmentId/webhook')
  @ApiRoute({
    summary: 'Remove a department’s webhook (audited)',
    answers: ['removed', z.object({ removed: z.literal(true) })],
    refusals: [401, 403, 404],
  })
  async remove(
    @Param('departmentId') departmentId: string,
    @RequestActor() actor: Actor,
  ): Promise<{ removed: true }> {
    if (!(await this.webhooks.deleteConfig(departmentId, actor)))
      throw new NotFoundException(`no webhook for ${departmentId}`);
    return { removed: true };
  }

  @ReadRoute('webhook-deliveries', {
    summary: 'Webhook deliveries, newest first; status=dead lists those that gave up',
    answers: ['deliveries', z.array(deliveryView)],
    refusals: [400, 401, 403],
  })
  deliveries(@ZodQuery(deliveryQuery) query: z.infer<typeof deliveryQuery>): Promise<WebhookDelivery[]> {
    return this.webhooks.deliveries(query);
  }

  @ReadRoute('webhook-deliveries/:id', {
    summary: 'One delivery with the log of its attempts',
    answers: ['the delivery', deliveryView.extend({ attemptLog: z.array(attemptView) })],
    refusals: [401, 403, 404],
  })
  async delivery(
    @Param('id', ParseIdPipe) id: number,
  ): Promise<WebhookDelivery & { attemptLog: WebhookAttempt[] }> {
    const found = orNotFound(await this.webhooks.delivery(id), `delivery ${id}`);
    return { ...found, attemptLog: await this.webhooks.attempts(id) };
  }

  @ActionRoute('webhook-deliveries/:id/retry', {
    summary: 'Send a dead delivery again, from a first attempt (audited)',
    answers: ['queued again', deliveryView],
    refusals: [401, 403, 404],
  })
  async retry(@Param('id', ParseIdPipe) id: number, @RequestActor() actor: Actor): Promise<WebhookDelivery> {
    const now = new Date(this.clock.now()).toISOString();
    const requeued = orNotFound(await this.webhooks.requeue(id, actor, now), `dead delivery ${id}`);
    this.dispatcher?.kick();
    return requeued;
  }
}
