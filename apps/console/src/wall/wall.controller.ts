import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { LEVELS } from '@app/contracts';
import { LIFECYCLE_STATUSES, SignalStore } from '@app/persistence';
import { AuthenticatedUser, scopeOf } from '../auth/authenticated-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ApiRefusals, ApiZodResponse } from '../common/zod-api';

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

/** The tiles of the wall. A department officer's are their department's. */
@ApiTags('wall 监控大屏')
@ApiBearerAuth()
@Controller('api')
export class WallController {
  constructor(@Inject(SignalStore) private readonly store: SignalStore) {}

  @Get('summary')
  @Roles('supervisor', 'auditor', 'department_officer')
  @ApiOperation({ summary: 'Counts for the wall tiles' })
  @ApiZodResponse(200, 'counts', summaryView)
  @ApiRefusals(401, 403)
  summary(@CurrentUser() user: AuthenticatedUser): Promise<z.infer<typeof summaryView>> {
    return this.store.summary(scopeOf(user));
  }
}
