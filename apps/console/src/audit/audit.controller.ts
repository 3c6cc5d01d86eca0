import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AccessAudit, AccessRefusalRecord, OperatorActionRecord } from '@app/persistence';
import { Roles } from '../auth/decorators';
import { ApiRefusals, ApiZodQuery, ApiZodResponse, ZodPipe } from '../common/zod-api';

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
@ApiTags('audit 审计')
@ApiBearerAuth()
@Roles('auditor', 'administrator')
@Controller('api/audit')
export class AuditController {
  constructor(@Inject(AccessAudit) private readonly audit: AccessAudit) {}

  @Get('access-refusals')
  @ApiOperation({
    summary: 'Refused accesses, newest first: failed logins, bad tokens, wrong role or department',
  })
  @ApiZodQuery(refusalQuery)
  @ApiZodResponse(200, 'refusals', z.array(refusalView))
  @ApiRefusals(400, 401, 403)
  refusals(
    @Query(new ZodPipe(refusalQuery)) query: z.infer<typeof refusalQuery>,
  ): Promise<AccessRefusalRecord[]> {
    return this.audit.refusals(query);
  }

  @Get('operator-actions')
  @ApiOperation({ summary: 'Operator actions, newest first: silences, webhooks, users, re-sent deliveries' })
  @ApiZodQuery(actionQuery)
  @ApiZodResponse(200, 'actions', z.array(operatorActionView))
  @ApiRefusals(400, 401, 403)
  operatorActions(
    @Query(new ZodPipe(actionQuery)) query: z.infer<typeof actionQuery>,
  ): Promise<OperatorActionRecord[]> {
    return this.audit.operatorActions(query);
  }
}
