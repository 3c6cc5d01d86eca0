import { BadRequestException, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { CaseSearchRow, PgCaseSearch } from '@app/persistence';
import { AuthenticatedUser, readableDepartment } from '../auth/authenticated-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ApiController, ReadRoute } from '../common/api-routes';
import { ZodQuery } from '../common/zod-api';
import { caseSummaryView } from '../signals/signal-views';

/** A calendar day (Asia/Shanghai) as its first instant. */
const dayStart = (day: string) => `${day}T00:00:00+08:00`;
const nextDay = (day: string) => {
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);
  return next.toISOString().slice(0, 10);
};

export const caseSearchQuery = z.object({
  query: z.string().trim().max(100).optional().describe('part of the case (办件) id'),
  departmentId: z.string().trim().min(1).max(64).optional(),
  itemCode: z.string().trim().min(1).max(64).optional(),
  from: z.iso
    .date()
    .optional()
    .describe('YYYY-MM-DD (Asia/Shanghai): cases with an event on or after this day'),
  to: z.iso
    .date()
    .optional()
    .describe('YYYY-MM-DD (Asia/Shanghai): cases with an event on or before this day'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const caseSearchView = caseSummaryView.extend({
  signals: z.number().describe('live signals of the case, retracted ones aside'),
});

/**
 * Case search (办件检索) of the auditor's workspace: by id, department, item and the days of its
 * events, newest activity first. Within the user's scope: a department officer sees only their
 * department's cases (403 when asking for another); supervisors and auditors see all.
 */
@ApiController('replay 回放复核', 'api/cases')
export class CaseSearchController {
  private readonly search: PgCaseSearch;

  constructor(@Inject(DataSource) dataSource: DataSource) {
    this.search = new PgCaseSearch(dataSource);
  }

  @ReadRoute(undefined, {
    summary:
      'Search cases by id (part of it), department, item and days with an event (YYYY-MM-DD), newest first (an officer: own department only)',
    answers: ['cases', z.array(caseSearchView)],
    refusals: [400, 401, 403],
  })
  @Roles('auditor', 'supervisor', 'department_officer')
  find(
    @ZodQuery(caseSearchQuery) query: z.infer<typeof caseSearchQuery>,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CaseSearchRow[]> {
    if (query.from && query.to && query.from > query.to)
      throw new BadRequestException('from: the first day is on or before the last');
    return this.search.search({
      query: query.query || undefined,
      departmentId: readableDepartment(user, query.departmentId),
      itemCode: query.itemCode,
      from: query.from ? dayStart(query.from) : undefined,
      to: query.to ? dayStart(nextDay(query.to)) : undefined,
      limit: query.limit,
    });
  }
}
