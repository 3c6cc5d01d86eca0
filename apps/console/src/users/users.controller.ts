import { ConflictException, Inject, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { z } from 'zod';
import { hashPassword, UserRecord, UserStore, UsernameTakenError } from '@app/persistence';
import { Actor, ROLES } from '@app/contracts';
import { userView } from '../auth/auth.controller';
import { authenticatedUserOf } from '../auth/authenticated-user';
import { RequestActor, Roles } from '../auth/decorators';
import { ApiController, ApiRoute, CreateRoute, ReadRoute } from '../common/api-routes';
import { orNotFound } from '../common/lookups';
import { ZodBody } from '../common/zod-api';

const userListView = userView.extend({ active: z.boolean(), createdAt: z.string() });

const newUserRequest = z
  .object({
    username: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._-]{2,64}$/, 'letters, digits, dot, underscore and dash, 2 to 64'),
    displayName: z.string().trim().min(1).max(100),
    role: z.enum(ROLES),
    departmentId: z.string().trim().min(1).max(64).optional(),
    password: z.string().min(12, 'at least 12 characters').max(500),
  })
  .refine((user) => (user.role === 'department_officer') === (user.departmentId !== undefined), {
    message: 'a department officer needs a departmentId, and only a department officer has one',
    path: ['departmentId'],
  });

const activeRequest = z.object({ active: z.boolean() });

function view(user: UserRecord): z.infer<typeof userListView> {
  return { ...authenticatedUserOf(user), active: user.active, createdAt: user.createdAt };
}

/** Administrators maintain the console's users (`docs/domain.md` § Users and roles). */
@ApiController('users 用户', 'api/users')
@Roles('administrator')
export class UsersController {
  constructor(@Inject(UserStore) private readonly users: UserStore) {}

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
    summary: 'Activate or deactivate a user (administrators; audited; takes effect at once)',
    answers: ['changed', userListView],
    refusals: [400, 401, 403, 404],
  })
  async setActive(
    @Param('id', new ParseUUIDPipe()) id: string,
    @ZodBody(activeRequest) body: z.infer<typeof activeRequest>,
    @RequestActor() actor: Actor,
  ): Promise<z.infer<typeof userListView>> {
    return view(orNotFound(await this.users.setActive(id, body.active, actor), `user ${id}`));
  }
}
