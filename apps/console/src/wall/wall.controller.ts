import { Controller, ForbiddenException, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { LEVELS, STAGES } from '@app/contracts';
import { LIFECYCLE_STATUSES, SignalStore } from '@app/persistence';
import { AuthenticatedUser, readableDepartment, scopeOf } from '../auth/authenticated-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ApiRefusals, ApiZodQuery, ApiZodResponse, ZodPipe } from '../common/zod-api';
import type { WallCase, WallOverview, WallReference, WallSnapshot } from './wall-protocol';
import { WallService } from './wall.service';
import { WallFilter } from './wall-store';
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
@ApiTags('wall 监控大屏')
@ApiBearerAuth()
@Controller('api')
export class WallController {
  constructor(
    @Inject(SignalStore) private readonly store: SignalStore,
    @Inject(WallService) private readonly wall: WallService,
  ) {}

  @Get('summary')
  @Roles('supervisor', 'auditor', 'department_officer')
  @ApiOperation({ summary: 'Counts for the wall tiles' })
  @ApiZodResponse(200, 'counts', summaryView)
  @ApiRefusals(401, 403)
  summary(@CurrentUser() user: AuthenticatedUser): Promise<z.infer<typeof summaryView>> {
    return this.store.summary(scopeOf(user));
  }

  @Get('wall/reference')
  @Roles('supervisor', 'auditor', 'department_officer')
  @ApiOperation({
    summary: 'Departments and rules for the filters and labels (an officer: their department)',
  })
  @ApiZodResponse(200, 'departments and rules', wallReferenceView)
  @ApiRefusals(401, 403)
  reference(@CurrentUser() user: AuthenticatedUser): WallReference {
    return this.wall.referenceFor(scopeOf(user));
  }

  @Get('wall/overview')
  @Roles('supervisor', 'auditor', 'department_officer')
  @ApiOperation({
    summary: 'Tiles, per-department board with ranking, signals per hour (24 h) and by rule family',
  })
  @ApiZodQuery(filterQuery)
  @ApiZodResponse(200, 'the overview', wallOverviewView)
  @ApiRefusals(400, 401, 403)
  overview(
    @Query(new ZodPipe(filterQuery)) query: z.infer<typeof filterQuery>,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<WallOverview> {
    return this.wall.overview(scopedFilter(query, user));
  }

  @Get('wall/signals')
  @Roles('supervisor', 'auditor', 'department_officer')
  @ApiOperation({
    summary: 'The stream’s snapshot: newest signals first and the outbox sequence to resume from',
  })
  @ApiZodQuery(signalsQuery)
  @ApiZodResponse(200, 'the snapshot', wallSnapshotView)
  @ApiRefusals(400, 401, 403)
  signals(
    @Query(new ZodPipe(signalsQuery)) query: z.infer<typeof signalsQuery>,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<WallSnapshot> {
    return this.wall.snapshot(scopedFilter(query, user), query.limit);
  }

  @Get('wall/cases/:caseId')
  @Roles('supervisor', 'auditor', 'department_officer')
  @ApiOperation({
    summary: 'A case for the wall’s panel: events, deadlines, signals and every lifecycle step',
  })
  @ApiZodResponse(200, 'the case', wallCaseView)
  @ApiRefusals(401, 403, 404)
  async caseView(@Param('caseId') caseId: string, @CurrentUser() user: AuthenticatedUser): Promise<WallCase> {
    const found = await this.wall.caseView(caseId, scopeOf(user));
    if (found === 'out-of-scope')
      throw new ForbiddenException(`case ${caseId} belongs to another department`);
    if (!found) throw new NotFoundException(`no case ${caseId}`);
    return found;
  }
}
