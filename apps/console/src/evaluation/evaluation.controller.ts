import { BadRequestException, Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { PeriodError, type EvaluationScheme } from '@app/evaluation';
import { Actor, recordOperatorAction } from '@app/persistence';
import { AuthenticatedUser, readableDepartment, scopeOf } from '../auth/authenticated-user';
import { CurrentUser, RequestActor, Roles } from '../auth/decorators';
import { ApiRefusals, ApiZodQuery, ZodPipe } from '../common/zod-api';
import type { StreamingResponse } from '../replay/http-stream';
import { evaluationCsv } from './evaluation-csv';
import { EvaluationService, PeriodNotBegun } from './evaluation.service';
import type { EvaluationReportView, ItemsReportView } from './evaluation-views';

const period = z
  .string()
  .regex(
    /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/,
    'must be a month YYYY-MM (e.g. 2026-03) or a quarter YYYY-Qn (e.g. 2026-Q1)',
  )
  .optional()
  .describe('a month YYYY-MM (2026-03) or a quarter YYYY-Qn (2026-Q1); default: the current month');
const reportQuery = z.object({ period });
const itemsQuery = z.object({
  period,
  departmentId: z.string().min(1).max(64).optional().describe('one department (an officer: only their own)'),
});

/** A period the caller got wrong is a 400 that says what is accepted. */
async function forPeriod<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PeriodError || error instanceof PeriodNotBegun)
      throw new BadRequestException(`period: ${error.message}`);
    throw error;
  }
}

/**
 * 绩效评估: department scores, grades and the ranking of a month or a quarter, indicators per
 * item, the ranking as CSV. Supervisors and auditors see every department; a department officer
 * sees their own department's scorecard and its rank, never another department's figures.
 */
@ApiTags('evaluation 绩效评估')
@ApiBearerAuth()
@Controller('api/evaluation')
export class EvaluationController {
  constructor(
    @Inject(EvaluationService) private readonly evaluation: EvaluationService,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  @Get('scheme')
  @Roles('supervisor', 'auditor', 'department_officer', 'administrator')
  @ApiOperation({ summary: 'The scoring scheme in force: base, deductions, bonuses, grade bands' })
  @ApiRefusals(401, 403)
  scheme(): EvaluationScheme {
    return this.evaluation.scheme;
  }

  @Get('report')
  @Roles('supervisor', 'auditor', 'department_officer')
  @ApiOperation({
    summary:
      'Departments ranked by score, with grade, deductions, bonuses and indicators (an officer: own row)',
  })
  @ApiZodQuery(reportQuery)
  @ApiRefusals(400, 401, 403)
  report(
    @Query(new ZodPipe(reportQuery)) query: z.infer<typeof reportQuery>,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<EvaluationReportView> {
    return forPeriod(() => this.evaluation.report(query.period, scopeOf(user)));
  }

  @Get('report.csv')
  @Roles('supervisor', 'auditor', 'department_officer')
  @ApiOperation({ summary: 'The ranking as CSV (UTF-8 with BOM); recorded in the operator audit' })
  @ApiZodQuery(reportQuery)
  @ApiProduces('text/csv')
  @ApiRefusals(400, 401, 403)
  async reportCsv(
    @Query(new ZodPipe(reportQuery)) query: z.infer<typeof reportQuery>,
    @CurrentUser() user: AuthenticatedUser,
    @RequestActor() actor: Actor,
    @Res() response: StreamingResponse,
  ): Promise<void> {
    const report = await forPeriod(() => this.evaluation.report(query.period, scopeOf(user)));
    await recordOperatorAction(this.dataSource.manager, actor, 'evaluation-export', report.period.label, {
      departments: report.departments.length,
    });
    response.status(200);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="evaluation-${report.period.label}.csv"`);
    response.end(evaluationCsv(report));
  }

  @Get('items')
  @Roles('supervisor', 'auditor', 'department_officer')
  @ApiOperation({ summary: 'Indicators per item (事项) of a department, or of every department' })
  @ApiZodQuery(itemsQuery)
  @ApiRefusals(400, 401, 403)
  items(
    @Query(new ZodPipe(itemsQuery)) query: z.infer<typeof itemsQuery>,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ItemsReportView> {
    const departmentId = readableDepartment(user, query.departmentId);
    return forPeriod(() => this.evaluation.items(query.period, departmentId));
  }
}
