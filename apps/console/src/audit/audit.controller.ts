import { BadRequestException, Inject, Res } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { parseLocalDate } from '@app/calendar';
import { Actor, isOperatorActionFilter, OPERATOR_ACTION_FAMILIES } from '@app/contracts';
import {
  AccessAudit,
  AccessRefusalRecord,
  OperatorActionRecord,
  recordOperatorAction,
  searchOperatorAudit,
} from '@app/persistence';
import { RequestActor, Roles } from '../auth/decorators';
import { ApiController, ReadRoute } from '../common/api-routes';
import { CSV_BOM, csvLine } from '../common/csv';
import { startDownload } from '../common/downloads';
import { ZodQuery } from '../common/zod-api';
import type { StreamingResponse } from '../replay/http-stream';

const limit = z.coerce.number().int().min(1).max(1000).default(100);
const refusalQuery = z.object({ limit, username: z.string().min(1).optional() });

function isLocalDate(text: string): boolean {
  try {
    parseLocalDate(text);
    return true;
  } catch {
    return false;
  }
}

const day = z.string().refine(isLocalDate, { message: 'must be an existing date YYYY-MM-DD' });
const actionFilters = {
  action: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .refine(isOperatorActionFilter, {
      message: `not an action the audit records, nor a family of them (${Object.keys(OPERATOR_ACTION_FAMILIES).join(', ')})`,
    })
    .optional()
    .describe('an action (user.create) or its family (user: every user.*)'),
  actor: z.string().trim().min(1).max(100).optional().describe('the username of who did it'),
  target: z.string().trim().min(1).max(200).optional().describe('part of the target, e.g. user:zhang'),
  from: day.optional().describe('first day (inclusive), YYYY-MM-DD Beijing time'),
  to: day.optional().describe('last day (inclusive), YYYY-MM-DD Beijing time'),
};
const actionQuery = z.object({ limit, ...actionFilters });
const exportQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50_000).default(10_000),
  ...actionFilters,
});

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

const CSV_COLUMNS = ['id', 'at', 'actor', 'role', 'address', 'action', 'target', 'details'];

/** The operator audit as CSV (UTF-8 with BOM, for Excel). */
export function operatorAuditCsv(actions: readonly OperatorActionRecord[]): string {
  return (
    CSV_BOM +
    csvLine(CSV_COLUMNS) +
    actions
      .map((a) =>
        csvLine([a.id, a.at, a.actorUsername, a.actorRole, a.address, a.action, a.target, a.details]),
      )
      .join('')
  );
}

/** 400 when the days are the wrong way round. */
function checkRange(query: { from?: string; to?: string }): void {
  if (query.from && query.to && query.from > query.to)
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: [`to: ${query.to} is before from (${query.from})`],
    });
}

/** The security audit: every refused access and every operator action. */
@ApiController('audit 审计', 'api/audit')
@Roles('auditor', 'administrator')
export class AuditController {
  constructor(
    @Inject(AccessAudit) private readonly audit: AccessAudit,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  @ReadRoute('access-refusals', {
    summary: 'Refused accesses, newest first: failed logins, bad tokens, wrong role or department',
    answers: ['refusals', z.array(refusalView)],
    refusals: [400, 401, 403],
  })
  refusals(@ZodQuery(refusalQuery) query: z.infer<typeof refusalQuery>): Promise<AccessRefusalRecord[]> {
    return this.audit.refusals(query);
  }

  @ReadRoute('operator-actions', {
    summary:
      'Operator actions, newest first (users, catalogue, webhooks, silences, re-sent deliveries, exports), ' +
      'narrowed by action, actor, target and days',
    answers: ['actions', z.array(operatorActionView)],
    refusals: [400, 401, 403],
  })
  operatorActions(
    @ZodQuery(actionQuery) query: z.infer<typeof actionQuery>,
  ): Promise<OperatorActionRecord[]> {
    checkRange(query);
    return searchOperatorAudit(this.dataSource, query);
  }

  @ReadRoute('operator-actions.csv', {
    summary: 'The operator actions of a filter as CSV (UTF-8 with BOM); the export is itself recorded',
    produces: ['text/csv'],
    refusals: [400, 401, 403],
  })
  async operatorActionsCsv(
    @ZodQuery(exportQuery) query: z.infer<typeof exportQuery>,
    @RequestActor() actor: Actor,
    @Res() response: StreamingResponse,
  ): Promise<void> {
    checkRange(query);
    const actions = await searchOperatorAudit(this.dataSource, query);
    const { limit: _limit, ...filters } = query;
    await recordOperatorAction(this.dataSource.manager, actor, 'audit.export', 'operator-actions', {
      filters,
      rows: actions.length,
    });
    startDownload(response, 'text/csv', 'operator-actions.csv');
    response.end(operatorAuditCsv(actions));
  }
}
