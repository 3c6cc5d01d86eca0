import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { LEVELS } from '@app/contracts';
import {
  Actor,
  LIFECYCLE_STATUSES,
  RESPONSE_KINDS,
  SignalScope,
  SignalStore,
  VERDICTS,
} from '@app/persistence';
import { AuthenticatedUser, readableDepartment, scopeOf } from '../auth/authenticated-user';
import { CurrentUser, RequestActor, Roles } from '../auth/decorators';
import { ApiRefusals, ApiZodBody, ApiZodQuery, ApiZodResponse, isoInstant, ZodPipe } from '../common/zod-api';
import { SignalLifecycleService } from './signal-lifecycle.service';
import { signalView, SignalView, transitionView, TransitionView, viewOf } from './signal-views';

const booleanText = z.enum(['true', 'false']).transform((value) => value === 'true');

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  status: z
    .string()
    .transform((value) => value.split(','))
    .pipe(z.array(z.enum(LIFECYCLE_STATUSES)))
    .optional()
    .describe('comma-separated statuses'),
  level: z.enum(LEVELS).optional(),
  caseId: z.string().min(1).optional(),
  departmentId: z.string().min(1).optional(),
  overdue: booleanText.optional(),
  includeSuperseded: booleanText
    .optional()
    .describe('also signals a higher one superseded (hidden on the wall)'),
  raisedBefore: isoInstant.optional().describe('paging: signals raised before this instant'),
});

const acknowledgeRequest = z.object({ text: z.string().trim().max(2000).optional() });
const respondRequest = z.object({
  responseKind: z.enum(RESPONSE_KINDS).describe('explanation 情况说明, or correction 整改'),
  text: z.string().trim().min(1, 'say what happened or what was corrected').max(5000),
});
const returnRequest = z.object({
  text: z.string().trim().min(1, 'say why the answer is not accepted').max(5000),
});
const closeRequest = z.object({
  verdict: z.enum(VERDICTS).describe('justified 理由成立, corrected 已整改, violation_confirmed 确认违规'),
  text: z.string().trim().max(5000).optional(),
});

const caseView = z.object({
  caseId: z.string(),
  itemCode: z.string(),
  departmentId: z.string(),
  phase: z.string(),
  acceptedAt: z.string().nullable(),
  promisedDeadline: z.string().nullable(),
  legalDeadline: z.string().nullable(),
  eventCount: z.number(),
  lastOccurredAt: z.string(),
  signals: z.array(signalView),
});

const alertKeyParam = () =>
  ApiParam({ name: 'alertKey', description: 'caseId|ruleId|qualifier, URL-encoded (| is %7C)' });

/**
 * Signals and their supervision lifecycle. Reads are scoped in SQL: a department officer sees only
 * their own department. Lifecycle steps are open to every logged-in user and decided by the state
 * machine, which refuses a wrong role or department with 403 and a wrong state with 409, saying why.
 */
@ApiTags('signals 信号与督办')
@ApiBearerAuth()
@Controller('api')
export class SignalsController {
  constructor(
    @Inject(SignalStore) private readonly store: SignalStore,
    @Inject(SignalLifecycleService) private readonly lifecycle: SignalLifecycleService,
  ) {}

  @Get('signals')
  @Roles('supervisor', 'auditor', 'department_officer')
  @ApiOperation({ summary: 'Signals, newest first (an officer: their department only)' })
  @ApiZodQuery(listQuery)
  @ApiZodResponse(200, 'signals', z.array(signalView))
  @ApiRefusals(400, 401, 403)
  async list(
    @Query(new ZodPipe(listQuery)) query: z.infer<typeof listQuery>,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<SignalView[]> {
    const records = await this.store.list({
      ...query,
      departmentId: readableDepartment(user, query.departmentId),
    });
    return records.map(viewOf);
  }

  @Get('signals/:alertKey')
  @Roles('supervisor', 'auditor', 'department_officer')
  @alertKeyParam()
  @ApiOperation({ summary: 'One signal with its lifecycle' })
  @ApiZodResponse(200, 'the signal', signalView)
  @ApiRefusals(401, 403, 404)
  async find(
    @Param('alertKey') alertKey: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<SignalView> {
    return viewOf(await this.visible(alertKey, scopeOf(user)));
  }

  @Get('signals/:alertKey/transitions')
  @Roles('supervisor', 'auditor', 'department_officer')
  @alertKeyParam()
  @ApiOperation({ summary: 'The audit trail of a signal: every transition, who, when, from which address' })
  @ApiZodResponse(200, 'transitions, oldest first', z.array(transitionView))
  @ApiRefusals(401, 403, 404)
  async transitions(
    @Param('alertKey') alertKey: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<TransitionView[]> {
    await this.visible(alertKey, scopeOf(user));
    return this.store.transitions(alertKey);
  }

  @Post('signals/:alertKey/acknowledge')
  @HttpCode(200)
  @alertKeyParam()
  @ApiOperation({
    summary: '签收: an officer of the signal’s department acknowledges it (open → acknowledged)',
  })
  @ApiZodBody(acknowledgeRequest)
  @ApiZodResponse(200, 'acknowledged', signalView)
  @ApiRefusals(400, 401, 403, 404, 409)
  async acknowledge(
    @Param('alertKey') alertKey: string,
    @Body(new ZodPipe(acknowledgeRequest)) body: z.infer<typeof acknowledgeRequest>,
    @RequestActor() actor: Actor,
  ): Promise<SignalView> {
    return viewOf(await this.lifecycle.act(alertKey, { action: 'acknowledge', text: body.text }, actor));
  }

  @Post('signals/:alertKey/respond')
  @HttpCode(200)
  @alertKeyParam()
  @ApiOperation({ summary: '情况说明/整改: the department answers (acknowledged → responded)' })
  @ApiZodBody(respondRequest)
  @ApiZodResponse(200, 'responded', signalView)
  @ApiRefusals(400, 401, 403, 404, 409)
  async respond(
    @Param('alertKey') alertKey: string,
    @Body(new ZodPipe(respondRequest)) body: z.infer<typeof respondRequest>,
    @RequestActor() actor: Actor,
  ): Promise<SignalView> {
    return viewOf(await this.lifecycle.act(alertKey, { action: 'respond', ...body }, actor));
  }

  @Post('signals/:alertKey/return')
  @HttpCode(200)
  @alertKeyParam()
  @ApiOperation({ summary: '退回: a supervisor does not accept the answer (responded → acknowledged)' })
  @ApiZodBody(returnRequest)
  @ApiZodResponse(200, 'returned', signalView)
  @ApiRefusals(400, 401, 403, 404, 409)
  async return(
    @Param('alertKey') alertKey: string,
    @Body(new ZodPipe(returnRequest)) body: z.infer<typeof returnRequest>,
    @RequestActor() actor: Actor,
  ): Promise<SignalView> {
    return viewOf(await this.lifecycle.act(alertKey, { action: 'return', text: body.text }, actor));
  }

  @Post('signals/:alertKey/close')
  @HttpCode(200)
  @alertKeyParam()
  @ApiOperation({
    summary:
      '销号: a supervisor closes with a verdict (responded → closed; violation_confirmed also from open or acknowledged)',
  })
  @ApiZodBody(closeRequest)
  @ApiZodResponse(200, 'closed', signalView)
  @ApiRefusals(400, 401, 403, 404, 409)
  async close(
    @Param('alertKey') alertKey: string,
    @Body(new ZodPipe(closeRequest)) body: z.infer<typeof closeRequest>,
    @RequestActor() actor: Actor,
  ): Promise<SignalView> {
    return viewOf(await this.lifecycle.act(alertKey, { action: 'close', ...body }, actor));
  }

  @Get('cases/:caseId')
  @Roles('supervisor', 'auditor', 'department_officer')
  @ApiOperation({ summary: 'A case (办件) with all its signals' })
  @ApiZodResponse(200, 'the case', caseView)
  @ApiRefusals(401, 403, 404)
  async findCase(
    @Param('caseId') caseId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<z.infer<typeof caseView>> {
    const scope = scopeOf(user);
    const found = await this.store.findCase(caseId, scope);
    if (found === 'out-of-scope')
      throw new ForbiddenException(`case ${caseId} belongs to another department`);
    if (!found) throw new NotFoundException(`no case ${caseId}`);
    const signals = await this.store.list({ ...scope, caseId, limit: 1000, includeSuperseded: true });
    return { ...found, signals: signals.map(viewOf) };
  }

  private async visible(alertKey: string, scope: SignalScope) {
    const found = await this.store.find(alertKey, scope);
    if (found === 'out-of-scope')
      throw new ForbiddenException(`signal ${alertKey} belongs to another department`);
    if (!found) throw new NotFoundException(`no signal ${alertKey}`);
    return found;
  }
}
