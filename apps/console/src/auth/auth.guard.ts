import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@app/contracts';
import { HealthController, MetricsController } from '@app/platform';
import type { ConsoleRequest } from './authenticated-user';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from './decorators';
import { bearerToken, TokenService } from './token.service';

/** Controllers outside the API that probes and scrapers call without a token. */
const OPEN_CONTROLLERS: readonly unknown[] = [HealthController, MetricsController];

/**
 * Global guard: every HTTP route needs a valid login token except `@Public()` ones (login) and
 * health/metrics; `@Roles(...)` narrows a route to roles. Refusals are recorded by the
 * `AccessRefusalFilter`.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenService) private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (OPEN_CONTROLLERS.includes(context.getClass())) return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<ConsoleRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new UnauthorizedException('missing login token: log in at POST /api/auth/login');
    const user = await this.tokens.authenticate(token);
    request.user = user;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.includes(user.role)) {
      throw new ForbiddenException(`only ${roles.join(' or ')} may do this; you are ${user.role}`);
    }
    return true;
  }
}
