import { BadRequestException, Inject, Res } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import type { EvaluationReportView, ItemsReportView } from '@app/contracts';
import { PeriodError, type EvaluationScheme } from '@app/evaluation';
import { recordOperatorAction } from '@app/persistence';
import { Actor } from '@app/contracts';
import { AuthenticatedUser, readableDepartment, scopeOf } from '../auth/authenticated-user';
import { CurrentUser, RequestActor, Roles } from '../auth/decorators';
import { ApiController, ReadRoute } from '../common/api-routes';
import { startDownload } from '../common/downloads';
import { ZodQuery } from '../common/zod-api';
import type { StreamingResponse } from '../replay/http-stream';
import { evaluationCsv } from './evaluation-csv';
import { EvaluationService, PeriodNotBegun } from './evaluation.service';

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
@ApiController('evaluation 绩效评估', 'api/evaluation')
export class EvaluationController {
  constructor(
    @Inject(EvaluationService) private readonly evaluation: EvaluationService,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  @ReadRoute('scheme', {
    summary: 'The scoring scheme in force: base, deductions, bonuses, grade bands',
    refusals: [401, 403],
  })
  @Roles('supervisor', 'auditor', 'department_officer', 'administrator')
  scheme(): EvaluationScheme {
    return this.evaluation.scheme;
  }

  @ReadRoute('report', {
    summary:
      'Departments ranked by score, with grade, deductions, bonuses and indicators (an officer: own row)',
    refusals: [400, 401, 403],
  })
  @Roles('supervisor', 'auditor', 'department_officer')
  report(
    @ZodQuery(reportQuery) query: z.infer<typeof reportQuery>,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<EvaluationReportView> {
    return forPeriod(() => this.evaluation.report(query.period, scopeOf(user)));
  }

  @ReadRoute('report.csv', {
    summary: 'The ranking as CSV (UTF-8 with BOM); recorded in the operator audit',
    produces: ['text/csv'],
    refusals: [400, 401, 403],
  })
  @Roles('supervisor', 'auditor', 'department_officer')
  async reportCsv(
    @ZodQuery(reportQuery) query: z.infer<typeof reportQuery>,
    @CurrentUser() user: AuthenticatedUser,
    @RequestActor() actor: Actor,
    @Res() response: StreamingResponse,
  ): Promise<void> {
    const report = await this.report(query, user);
    await recordOperatorAction(this.dataSource.manager, actor, 'evaluation-export', report.period.label, {
      departments: report.departments.length,
    });
    startDownload(response, 'text/csv', `evaluation-${report.period.label}.csv`);
    response.end(evaluationCsv(report));
  }

  @ReadRoute('items', {
    summary: 'Indicators per item (事项) of a department, or of every department',
    refusals: [400, 401, 403],
  })
  @Roles('supervisor', 'auditor', 'department_officer')
  items(
    @ZodQuery(itemsQuery) query: z.infer<typeof itemsQuery>,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ItemsReportView> {
    const departmentId = readableDepartment(user, query.departmentId);
    return forPeriod(() => this.evaluation.items(query.period, departmentId));
  }
}
