import { BadRequestException, Delete, Inject, Param, ParseUUIDPipe } from '@nestjs/common';
import { z } from 'zod';
import { SilenceRecord, SilenceStore } from '@app/persistence';
import { Actor } from '@app/contracts';
import { Clock } from '@app/platform';
import { AuthenticatedUser, scopeOf } from '../auth/authenticated-user';
import { CurrentUser, RequestActor, Roles } from '../auth/decorators';
import { ApiController, ApiRoute, CreateRoute, ReadRoute } from '../common/api-routes';
import { orNotFound } from '../common/lookups';
import { isoInstant, ZodBody, ZodQuery } from '../common/zod-api';

const MAX_SILENCE_MS = 30 * 24 * 3600 * 1000;

const silenceView = z.object({
  id: z.string(),
  departmentId: z.string().nullable(),
  ruleId: z.string().nullable(),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  expiredAt: z.string().nullable(),
  expiredBy: z.string().nullable(),
});

const newSilence = z
  .object({
    departmentId: z.string().trim().min(1).max(64).optional(),
    ruleId: z
      .string()
      .trim()
      .regex(/^[A-Z][A-Z0-9_]*$/, 'a rule id such as DATA_REPORTED_LATE')
      .optional(),
    reason: z.string().trim().min(1, 'say why, e.g. the department system is down').max(2000),
    startsAt: isoInstant.optional(),
    endsAt: isoInstant,
  })
  .refine((silence) => silence.departmentId !== undefined || silence.ruleId !== undefined, {
    message: 'a silence matches a department, a rule, or both',
    path: ['departmentId'],
  });

const listQuery = z.object({
  active: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .default(true),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/**
 * Silences: notifications to a department (or for a rule, or both) are held back until the expiry,
 * e.g. while a department's business system is down. Signals are still stored, shown and handled.
 */
@ApiController('silences 静默', 'api/silences')
export class SilencesController {
  constructor(
    @Inject(SilenceStore) private readonly silences: SilenceStore,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @ReadRoute(undefined, {
    summary: 'Silences (in force, or all); an officer sees those that touch their department',
    answers: ['silences', z.array(silenceView)],
    refusals: [400, 401, 403],
  })
  @Roles('supervisor', 'administrator', 'auditor', 'department_officer')
  list(
    @ZodQuery(listQuery) query: z.infer<typeof listQuery>,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<SilenceRecord[]> {
    return this.silences.list({
      activeAt: query.active ? new Date(this.clock.now()).toISOString() : undefined,
      departmentId: scopeOf(user).departmentId,
      limit: query.limit,
    });
  }

  @CreateRoute(undefined, {
    summary: 'Create a silence with a reason and an expiry (audited; at most 30 days)',
    answers: ['created', silenceView],
    refusals: [400, 401, 403],
  })
  @Roles('supervisor', 'administrator')
  create(
    @ZodBody(newSilence) body: z.infer<typeof newSilence>,
    @RequestActor() actor: Actor,
  ): Promise<SilenceRecord> {
    const now = this.clock.now();
    const startsAt = body.startsAt ? Date.parse(body.startsAt) : now;
    const endsAt = Date.parse(body.endsAt);
    if (endsAt <= Math.max(now, startsAt))
      throw new BadRequestException('endsAt: must be after now and after startsAt');
    if (endsAt - startsAt > MAX_SILENCE_MS)
      throw new BadRequestException('endsAt: a silence lasts at most 30 days');
    return this.silences.create(
      {
        departmentId: body.departmentId ?? null,
        ruleId: body.ruleId ?? null,
        reason: body.reason,
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(endsAt).toISOString(),
      },
      actor,
    );
  }

  @Delete(':id')
  @ApiRoute({
    summary: 'End a silence now (audited)',
    answers: ['the silence, expired', silenceView],
    refusals: [401, 403, 404],
  })
  @Roles('supervisor', 'administrator')
  async expire(
    @Param('id', new ParseUUIDPipe()) id: string,
    @RequestActor() actor: Actor,
  ): Promise<SilenceRecord> {
    const expired = await this.silences.expire(id, actor, new Date(this.clock.now()).toISOString());
    return orNotFound(expired, `silence ${id}`);
  }
}
