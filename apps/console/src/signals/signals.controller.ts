import { applyDecorators, Inject, Param } from '@nestjs/common';
import { z } from 'zod';
import { LEVELS, Actor } from '@app/contracts';
import { SignalScope, SignalStore } from '@app/persistence';
import { LIFECYCLE_STATUSES, RESPONSE_KINDS, VERDICTS } from '@app/rules';
import { AuthenticatedUser, readableDepartment, scopeOf } from '../auth/authenticated-user';
import { CurrentUser, RequestActor, Roles } from '../auth/decorators';
import { ActionRoute, ApiController, ReadRoute } from '../common/api-routes';
import { inScope } from '../common/lookups';
import { ApiZodResponse, isoInstant, ZodBody, ZodQuery } from '../common/zod-api';
import { alertKeyParam } from './alert-key-param';
import { SignalLifecycleService } from './signal-lifecycle.service';
import {
  caseSummaryView,
  signalView,
  SignalView,
  transitionView,
  TransitionView,
  viewOf,
} from './signal-views';

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
const closeRequest = z
  .object({
    verdict: z.enum(VERDICTS).describe('justified 理由成立, corrected 已整改, violation_confirmed 确认违规'),
    text: z
      .string()
      .trim()
      .max(5000)
      .optional()
      .describe('the note; required (not blank) with violation_confirmed (确认违规并销号)'),
  })
  .refine((body) => body.verdict !== 'violation_confirmed' || (body.text ?? '').length > 0, {
    message: '确认违规并销号 (violation_confirmed) needs a note saying what was violated',
    path: ['text'],
  });
const urgeRequest = z.object({
  text: z
    .string()
    .trim()
    .min(1, 'say what the department must do, e.g. answer by tomorrow')
    .max(2000)
    .describe('what the department is pressed for (催办意见)'),
});

const caseView = caseSummaryView.extend({ signals: z.array(signalView) });

/**
 * A lifecycle step: POST signals/:alertKey/<step> with its body (`ZodBody`), answering 200 with the
 * signal as the step left it; the state machine's refusals.
 */
const LifecycleStep = (step: string, summary: string, answer: string) =>
  applyDecorators(
    ActionRoute(`signals/:alertKey/${step}`, { summary, refusals: [400, 401, 403, 404, 409] }),
    alertKeyParam(),
    ApiZodResponse(200, answer, signalView),
  );

/**
 * Signals and their supervision lifecycle. Reads are scoped in SQL: a department officer sees only
 * their own department. Lifecycle steps are open to every logged-in user and decided by the state
 * machine, which refuses a wrong role or department with 403 and a wrong state with 409, saying why.
 */
@ApiController('signals 信号与督办', 'api')
export class SignalsController {
  constructor(
    @Inject(SignalStore) private readonly store: SignalStore,
    @Inject(SignalLifecycleService) private readonly lifecycle: SignalLifecycleService,
  ) {}

  @ReadRoute('signals', {
    summary: 'Signals, newest first (an officer: their department only)',
    answers: ['signals', z.array(signalView)],
    refusals: [400, 401, 403],
  })
  @Roles('supervisor', 'auditor', 'department_officer')
  async list(
    @ZodQuery(listQuery) query: z.infer<typeof listQuery>,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<SignalView[]> {
    const records = await this.store.list({
      ...query,
      departmentId: readableDepartment(user, query.departmentId),
    });
    return records.map(viewOf);
  }

  @ReadRoute('signals/:alertKey', {
    summary: 'One signal with its lifecycle',
    answers: ['the signal', signalView],
    refusals: [401, 403, 404],
  })
  @Roles('supervisor', 'auditor', 'department_officer')
  @alertKeyParam()
  async find(
    @Param('alertKey') alertKey: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<SignalView> {
    return viewOf(await this.visible(alertKey, scopeOf(user)));
  }

  @ReadRoute('signals/:alertKey/transitions', {
    summary: 'The audit trail of a signal: every transition, who, when, from which address',
    answers: ['transitions, oldest first', z.array(transitionView)],
    refusals: [401, 403, 404],
  })
  @Roles('supervisor', 'auditor', 'department_officer')
  @alertKeyParam()
  async transitions(
    @Param('alertKey') alertKey: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<TransitionView[]> {
    await this.visible(alertKey, scopeOf(user));
    return this.store.transitions(alertKey);
  }

  @LifecycleStep(
    'acknowledge',
    '签收: an officer of the signal’s department acknowledges it (open → acknowledged)',
    'acknowledged',
  )
  async acknowledge(
    @Param('alertKey') alertKey: string,
    @ZodBody(acknowledgeRequest) body: z.infer<typeof acknowledgeRequest>,
    @RequestActor() actor: Actor,
  ): Promise<SignalView> {
    return viewOf(await this.lifecycle.act(alertKey, { action: 'acknowledge', text: body.text }, actor));
  }

  @LifecycleStep('respond', '情况说明/整改: the department answers (acknowledged → responded)', 'responded')
  async respond(
    @Param('alertKey') alertKey: string,
    @ZodBody(respondRequest) body: z.infer<typeof respondRequest>,
    @RequestActor() actor: Actor,
  ): Promise<SignalView> {
    return viewOf(await this.lifecycle.act(alertKey, { action: 'respond', ...body }, actor));
  }

  @LifecycleStep(
    'return',
    '退回: a supervisor does not accept the answer (responded → acknowledged)',
    'returned',
  )
  async return(
    @Param('alertKey') alertKey: string,
    @ZodBody(returnRequest) body: z.infer<typeof returnRequest>,
    @RequestActor() actor: Actor,
  ): Promise<SignalView> {
    return viewOf(await this.lifecycle.act(alertKey, { action: 'return', text: body.text }, actor));
  }

  @LifecycleStep(
    'close',
    '销号: a supervisor closes with a verdict (responded → closed; violation_confirmed also from open or acknowledged)',
    'closed',
  )
  async close(
    @Param('alertKey') alertKey: string,
    @ZodBody(closeRequest) body: z.infer<typeof closeRequest>,
    @RequestActor() actor: Actor,
  ): Promise<SignalView> {
    return viewOf(await this.lifecycle.act(alertKey, { action: 'close', ...body }, actor));
  }

  @LifecycleStep(
    'urge',
    '催办: a supervisor presses the department for an answer (open or acknowledged; the status stays; recorded and notified)',
    'urged',
  )
  async urge(
    @Param('alertKey') alertKey: string,
    @ZodBody(urgeRequest) body: z.infer<typeof urgeRequest>,
    @RequestActor() actor: Actor,
  ): Promise<SignalView> {
    return viewOf(await this.lifecycle.act(alertKey, { action: 'urge', text: body.text }, actor));
  }

  @ReadRoute('cases/:caseId', {
    summary: 'A case (办件) with all its signals',
    answers: ['the case', caseView],
    refusals: [401, 403, 404],
  })
  @Roles('supervisor', 'auditor', 'department_officer')
  async findCase(
    @Param('caseId') caseId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<z.infer<typeof caseView>> {
    const scope = scopeOf(user);
    const found = inScope(await this.store.findCase(caseId, scope), `case ${caseId}`);
    const signals = await this.store.list({ ...scope, caseId, limit: 1000, includeSuperseded: true });
    return { ...found, signals: signals.map(viewOf) };
  }

  private async visible(alertKey: string, scope: SignalScope) {
    return inScope(await this.store.find(alertKey, scope), `signal ${alertKey}`);
  }
}
