import { Inject, Param } from '@nestjs/common';
import { z } from 'zod';
import {
  OUTBOUND_CHANNELS,
  OUTBOUND_PURPOSES,
  OUTBOUND_STATUSES,
  OutboundMessageDetail,
  OutboundMessageView,
} from '@app/contracts';
import { OutboundStore } from '@app/persistence';
import { AuthenticatedUser, readableDepartment, scopeOf } from '../../auth/authenticated-user';
import { CurrentUser, Roles } from '../../auth/decorators';
import { ApiController, ReadRoute } from '../../common/api-routes';
import { orNotFound, OutOfScopeException } from '../../common/lookups';
import { ParseIdPipe } from '../../common/request-pipes';
import { ZodQuery } from '../../common/zod-api';

const logQuery = z.object({
  departmentId: z.string().min(1).optional(),
  channel: z.enum(OUTBOUND_CHANNELS).optional(),
  status: z.enum(OUTBOUND_STATUSES).optional(),
  purpose: z.enum(OUTBOUND_PURPOSES).optional(),
  alertKey: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
const messageView = z
  .object({
    id: z.number(),
    purpose: z.enum(OUTBOUND_PURPOSES),
    departmentId: z.string(),
    channel: z.enum(OUTBOUND_CHANNELS),
    recipientHint: z.string(),
    subject: z.string(),
    status: z.enum(OUTBOUND_STATUSES),
    attempts: z.number(),
    lastAnswer: z.string().nullable(),
  })
  .loose();

/** The delivery log of email, robot and SMS messages: every message, its attempts and answers. */
@ApiController('delivery log 送达记录', 'api')
@Roles('administrator', 'supervisor', 'auditor', 'department_officer')
export class DeliveryLogController {
  constructor(@Inject(OutboundStore) private readonly outbound: OutboundStore) {}

  @ReadRoute('notification-messages', {
    summary: 'Outbound messages, newest first (an officer: their department)',
    answers: ['messages', z.array(messageView)],
    refusals: [400, 401, 403],
  })
  list(
    @ZodQuery(logQuery) query: z.infer<typeof logQuery>,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<OutboundMessageView[]> {
    const departmentId = readableDepartment(user, query.departmentId) ?? undefined;
    return this.outbound.messages({ ...query, departmentId });
  }

  @ReadRoute('notification-messages/:id', {
    summary: 'One message with what it said and the log of its attempts',
    answers: [
      'the message',
      messageView.extend({ text: z.string(), attemptLog: z.array(z.object({}).loose()) }),
    ],
    refusals: [401, 403, 404],
  })
  async one(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<OutboundMessageDetail> {
    const found = orNotFound(await this.outbound.message(id), `message ${id}`);
    const own = scopeOf(user).departmentId;
    if (own !== null && found.departmentId !== own) throw new OutOfScopeException(`message ${id}`);
    return found;
  }
}
