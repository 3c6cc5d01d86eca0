import { Controller, Inject, UnauthorizedException, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { decoyHash, UserStore, verifyPassword } from '@app/persistence';
import { ROLES } from '@app/contracts';
import { Clock } from '@app/platform';
import { ActionRoute, ReadRoute } from '../common/api-routes';
import { ZodBody } from '../common/zod-api';
import { authenticatedUserOf, type AuthenticatedUser } from './authenticated-user';
import { CurrentUser, Public } from './decorators';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { TokenService } from './token.service';

const loginRequest = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(500),
});

export const userView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  departmentId: z.string().nullable(),
});

const loginResponse = z.object({
  token: z.string().describe('send as `Authorization: Bearer <token>`, and as `auth.token` of the socket'),
  tokenType: z.literal('Bearer'),
  expiresAt: z.string(),
  user: userView,
});

@ApiTags('auth 登录')
@Controller('api/auth')
export class AuthController {
  constructor(
    @Inject(UserStore) private readonly users: UserStore,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Public()
  @UseGuards(LoginThrottlerGuard)
  @ActionRoute('login', {
    summary: 'Log in with username and password; returns a login token (JWT)',
    answers: ['logged in', loginResponse],
    refusals: [400, 401, 429],
  })
  async login(
    @ZodBody(loginRequest) body: z.infer<typeof loginRequest>,
  ): Promise<z.infer<typeof loginResponse>> {
    const user = await this.users.findByUsername(body.username);
    // an unknown user costs the same scrypt run as a wrong password: no timing oracle
    const matches = await verifyPassword(body.password, user?.passwordHash ?? (await decoyHash()));
    if (!user || !matches || !user.active) throw new UnauthorizedException('wrong username or password');
    const { token, expiresAt } = await this.tokens.issue(user, this.clock.now());
    return {
      token,
      tokenType: 'Bearer',
      expiresAt,
      user: authenticatedUserOf(user),
    };
  }

  @ReadRoute('me', {
    summary: 'The logged-in user',
    answers: ['the user of the token', userView],
    refusals: [401],
  })
  @ApiBearerAuth()
  me(@CurrentUser() user: AuthenticatedUser): z.infer<typeof userView> {
    return user;
  }
}
