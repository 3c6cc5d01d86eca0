import { BadRequestException, ConflictException, Inject, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  CatalogVersionStore,
  hashPassword,
  UserChanges,
  UserRecord,
  UserStore,
  UsernameTakenError,
} from '@app/persistence';
import { Actor, Role, ROLES } from '@app/contracts';
import { userView } from '../auth/auth.controller';
import { authenticatedUserOf } from '../auth/authenticated-user';
import { RequestActor, Roles } from '../auth/decorators';
import { ActionRoute, ApiController, ApiRoute, CreateRoute, ReadRoute } from '../common/api-routes';
import { orNotFound } from '../common/lookups';
import { ZodBody } from '../common/zod-api';
import { knownDepartments } from '../catalog/known-departments';
import { ReferenceData } from '../reference/reference-data';
import { departmentProblem, generatedPassword } from './user-rules';

const userListView = userView.extend({ active: z.boolean(), createdAt: z.string() });

const password = z.string().min(12, 'at least 12 characters').max(500);
const departmentId = z.string().trim().min(1).max(64);

const newUserRequest = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{2,64}$/, 'letters, digits, dot, underscore and dash, 2 to 64'),
  displayName: z.string().trim().min(1).max(100),
  role: z.enum(ROLES),
  departmentId: departmentId.optional(),
  password,
});

const changeRequest = z
  .object({
    active: z.boolean().optional(),
    displayName: z.string().trim().min(1).max(100).optional(),
    role: z.enum(ROLES).optional(),
    departmentId: departmentId
      .nullable()
      .optional()
      .describe('the department of a department officer; null for any other role'),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'nothing to change: give active, displayName, role or departmentId',
  });

const passwordRequest = z.object({
  password: password.optional().describe('the new password; left out, one is generated and answered once'),
});

const passwordAnswer = z.object({
  user: userListView,
  generatedPassword: z
    .string()
    .nullable()
    .describe('the generated password, shown only in this answer; null when the request gave one'),
});

function view(user: UserRecord): z.infer<typeof userListView> {
  return { ...authenticatedUserOf(user), active: user.active, createdAt: user.createdAt };
}

/** Administrators maintain the console's users (`docs/domain.md` § Users and roles). */
@ApiController('users 用户', 'api/users')
@Roles('administrator')
export class UsersController {
  constructor(
    @Inject(UserStore) private readonly users: UserStore,
    @Inject(ReferenceData) private readonly reference: ReferenceData,
    @Inject(CatalogVersionStore) private readonly catalog: CatalogVersionStore,
  ) {}

  @ReadRoute(undefined, {
    summary: 'Every user (administrators)',
    answers: ['users', z.array(userListView)],
    refusals: [401, 403],
  })
  async list(): Promise<z.infer<typeof userListView>[]> {
    return (await this.users.list()).map(view);
  }

  @CreateRoute(undefined, {
    summary: 'Create a user (administrators; audited)',
    answers: ['created', userListView],
    refusals: [400, 401, 403, 409],
  })
  async create(
    @ZodBody(newUserRequest) body: z.infer<typeof newUserRequest>,
    @RequestActor() actor: Actor,
  ): Promise<z.infer<typeof userListView>> {
    await this.checkDepartment(body.role, body.departmentId ?? null);
    try {
      const created = await this.users.create(
        {
          username: body.username,
          displayName: body.displayName,
          role: body.role,
          departmentId: body.departmentId ?? null,
          passwordHash: await hashPassword(body.password),
        },
        actor,
      );
      return view(created);
    } catch (error) {
      if (error instanceof UsernameTakenError) throw new ConflictException(error.message);
      throw error;
    }
  }

  @Patch(':id')
  @ApiRoute({
    summary:
      'Change a user: activate or deactivate, display name, role and department (administrators; audited). ' +
      'An administrator cannot deactivate or demote themselves.',
    answers: ['changed', userListView],
    refusals: [400, 401, 403, 404, 409],
  })
  async change(
    @Param('id', new ParseUUIDPipe()) id: string,
    @ZodBody(changeRequest) body: z.infer<typeof changeRequest>,
    @RequestActor() actor: Actor,
  ): Promise<z.infer<typeof userListView>> {
    const existing = orNotFound(await this.users.findById(id), `user ${id}`);
    const role = body.role ?? existing.role;
    // a role change away from officer drops the department unless the request says otherwise
    const department =
      body.departmentId !== undefined
        ? body.departmentId
        : body.role !== undefined && body.role !== 'department_officer'
          ? null
          : existing.departmentId;
    if (existing.id === actor.userId && (body.active === false || role !== existing.role))
      throw new ConflictException('you cannot deactivate yourself or change your own role');
    await this.checkDepartment(role, department);
    const changes: UserChanges = {
      active: body.active,
      displayName: body.displayName,
      role: body.role,
      departmentId: department,
    };
    return view(orNotFound(await this.users.update(id, changes, actor), `user ${id}`));
  }

  @ActionRoute(':id/reset-password', {
    summary:
      'Set a new password (administrators; audited, the password is never recorded). Without one in the request, ' +
      'a random one is generated and answered once.',
    answers: ['the user and the generated password', passwordAnswer],
    refusals: [400, 401, 403, 404],
  })
  async resetPassword(
    @Param('id', new ParseUUIDPipe()) id: string,
    @ZodBody(passwordRequest) body: z.infer<typeof passwordRequest>,
    @RequestActor() actor: Actor,
  ): Promise<z.infer<typeof passwordAnswer>> {
    const generated = body.password === undefined ? generatedPassword(randomBytes(18)) : null;
    const hash = await hashPassword(body.password ?? (generated as string));
    const user = orNotFound(await this.users.setPassword(id, hash, actor), `user ${id}`);
    return { user: view(user), generatedPassword: generated };
  }

  /** 400 unless an officer names a department of the catalogue, and only an officer names one. */
  private async checkDepartment(role: Role, department: string | null): Promise<void> {
    const problem = departmentProblem(role, department, await knownDepartments(this.reference, this.catalog));
    if (problem) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [problem] });
  }
}
