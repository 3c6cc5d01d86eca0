import { Inject } from '@nestjs/common';
import { z } from 'zod';
import { AccessAudit, AccessRefusalRecord, OperatorActionRecord } from '@app/persistence';
import { Roles } from '../auth/decorators';
import { ApiController, ReadRoute } from '../common/api-routes';
import { ZodQuery } from '../common/zod-api';

const limit = z.coerce.number().int().min(1).max(1000).default(100);
const refusalQuery = z.object({ limit, username: z.string().min(1).optional() });
const actionQuery = z.object({ limit });

const refusalView = z.object({
  id: z.number(),
  at: z.string(),
  channel: z.enum(['http', 'socket']),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  role: z.string().nullable(),
  departmentId: z.string().nullable(),
  address: z.string().nullable(),
  method: z.string().nullable(),
  target: z.string(),
  status: z.number(),
  reason: z.string(),
});

const operatorActionView = z.object({
  id: z.number(),
  at: z.string(),
  actorUsername: z.string(),
  actorRole: z.string(),
  address: z.string().nullable(),
  action: z.string(),
  target: z.string(),
  details: z.record(z.string(), z.unknown()),
});

/** The security audit: every refused access and every operator action. */
@ApiController('audit 审计', 'api/audit')
@Roles('auditor', 'administrator')
export class AuditController {
  constructor(@Inject(AccessAudit) private readonly audit: AccessAudit) {}

  @ReadRoute('access-refusals', {
    summary: 'Refused accesses, newest first: failed logins, bad tokens, wrong role or department',
    answers: ['refusals', z.array(refusalView)],
    refusals: [400, 401, 403],
  })
  refusals(@ZodQuery(refusalQuery) query: z.infer<typeof refusalQuery>): Promise<AccessRefusalRecord[]> {
    return this.audit.refusals(query);
  }

  @ReadRoute('operator-actions', {
    summary: 'Operator actions, newest first: silences, webhooks, users, re-sent deliveries',
    answers: ['actions', z.array(operatorActionView)],
    refusals: [400, 401, 403],
  })
  operatorActions(
    @ZodQuery(actionQuery) query: z.infer<typeof actionQuery>,
  ): Promise<OperatorActionRecord[]> {
    return this.audit.operatorActions(query);
  }
}
