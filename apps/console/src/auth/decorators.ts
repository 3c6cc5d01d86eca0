import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor, Role } from '@app/contracts';
import { actorOf, AuthenticatedUser, clientAddress, ConsoleRequest } from './authenticated-user';

export const PUBLIC_ROUTE = 'jiancha:public';
export const ALLOWED_ROLES = 'jiancha:roles';

/** A route anyone may call without a token (login). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only these roles may call the route (403 naming the roles otherwise). */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

function userOf(context: ExecutionContext): AuthenticatedUser {
  const user = context.switchToHttp().getRequest<ConsoleRequest>().user;
  if (!user) throw new Error('route is public: no user');
  return user;
}

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext) => userOf(context));

/** The user and the client's address, for audit trails. */
export const RequestActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<ConsoleRequest>();
  return actorOf(userOf(context), clientAddress(request));
});
