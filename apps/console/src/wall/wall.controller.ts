import { Inject, Param } from '@nestjs/common';
import { z } from 'zod';
import { LEVELS, STAGES } from '@app/contracts';
import type { WallCase, WallOverview, WallReference, WallSnapshot } from '@app/contracts';
import { SignalStore } from '@app/persistence';
import { LIFECYCLE_STATUSES } from '@app/rules';
import { AuthenticatedUser, readableDepartment, scopeOf } from '../auth/authenticated-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ApiController, ReadRoute } from '../common/api-routes';
import { inScope } from '../common/lookups';
import { ZodQuery } from '../common/zod-api';
import { WallService } from './wall.service';
import { WallFilter } from '@app/persistence';
import { wallCaseView, wallOverviewView, wallReferenceView, wallSnapshotView } from './wall-views';

const summaryView = z.object({
  casesOpen: z.number(),
  casesTotal: z.number(),
  events: z.number(),
  openSignals: z
    .partialRecord(z.enum(LEVELS), z.number())
    .describe('signals still asking for action, not superseded'),
  overdue: z.number().describe('of those, how many missed their response deadline'),
  byStatus: z.partialRecord(z.enum(LIFECYCLE_STATUSES), z.number()),
});

const filterQuery = z.object({
  departmentId: z.string().min(1).optional().describe('an officer may only name their own'),
  level: z.enum(LEVELS).optional(),
  stage: z.enum(STAGES).optional(),
  ruleId: z.string().min(1).optional(),
});
const signalsQuery = filterQuery.extend({
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

/** The filter narrowed to what the user may see: an officer's department always, 403 for another. */
function scopedFilter(query: z.infer<typeof filterQuery>, user: AuthenticatedUser): WallFilter {
  return {
    departmentId: readableDepartment(user, query.departmentId),
    level: query.level,
    stage: query.stage,
    ruleId: query.ruleId,
  };
}

/** The wall's reads: tiles, board and charts, the stream's snapshot, a case panel, labels. */
@ApiController('wall 监控大屏', 'api')
export class WallController {
  constructor(
    @Inject(SignalStore) private readonly store: SignalStore,
    @Inject(WallService) private readonly wall: WallService,
  ) {}

  @ReadRoute('summary', {
    summary: 'Counts for the wall tiles',
    answers: ['counts', summaryView],
    refusals: [401, 403],
  })
  @Roles('supervisor', 'auditor', 'department_officer')
  summary(@CurrentUser() user: AuthenticatedUser): Promise<z.infer<typeof summaryView>> {
    return this.store.summary(scopeOf(user));
  }

  @ReadRoute('wall/reference', {
    summary: 'Departments and rules for the filters and labels (an officer: their department)',
    answers: ['departments and rules', wallReferenceView],
    refusals: [401, 403],
  })
  @Roles('supervisor', 'auditor', 'department_officer')
  reference(@CurrentUser() user: AuthenticatedUser): WallReference {
    return this.wall.referenceFor(scopeOf(user));
  }

  @ReadRoute('wall/overview', {
    summary: 'Tiles, per-department board with ranking, signals per hour (24 h) and by rule family',
    answers: ['the overview', wallOverviewView],
    refusals: [400, 401, 403],
  })
  @Roles('supervisor', 'auditor', 'department_officer')
  overview(
    @ZodQuery(filterQuery) query: z.infer<typeof filterQuery>,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<WallOverview> {
    return this.wall.overview(scopedFilter(query, user));
  }

  @ReadRoute('wall/signals', {
    summary: 'The stream’s snapshot: newest signals first and the outbox sequence to resume from',
    answers: ['the snapshot', wallSnapshotView],
    refusals: [400, 401, 403],
  })
  @Roles('supervisor', 'auditor', 'department_officer')
  signals(
    @ZodQuery(signalsQuery) query: z.infer<typeof signalsQuery>,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<WallSnapshot> {
    return this.wall.snapshot(scopedFilter(query, user), query.limit);
  }

  @ReadRoute('wall/cases/:caseId', {
    summary: 'A case for the wall’s panel: events, deadlines, signals and every lifecycle step',
    answers: ['the case', wallCaseView],
    refusals: [401, 403, 404],
  })
  @Roles('supervisor', 'auditor', 'department_officer')
  async caseView(@Param('caseId') caseId: string, @CurrentUser() user: AuthenticatedUser): Promise<WallCase> {
    return inScope(await this.wall.caseView(caseId, scopeOf(user)), `case ${caseId}`);
  }
}
