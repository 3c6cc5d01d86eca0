import { ArgumentsHost, Catch, HttpException, Inject } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { AccessAudit } from '@app/persistence';
import { AppLogger } from '@app/platform';
import { OutOfScopeException } from '../common/lookups';
import { clientAddress, ConsoleRequest } from './authenticated-user';

const REFUSALS = new Set([401, 403, 429]);

function reasonOf(exception: HttpException): string {
  if (exception instanceof OutOfScopeException) return exception.reason;
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/**
 * Records every refused HTTP access (401, 403, 429, and the 404 that answers a look-up of another
 * department's case or signal: `OutOfScopeException`) with who, from where, what and why, then
 * answers as Nest would. Recording is awaited: a refusal is in the audit before the client hears of it.
 */
@Catch()
export class AccessRefusalFilter extends BaseExceptionFilter {
  constructor(
    @Inject(AccessAudit) private readonly audit: AccessAudit,
    @Inject(AppLogger) private readonly logger: AppLogger,
  ) {
    super();
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (
      host.getType() !== 'http' ||
      !(exception instanceof HttpException) ||
      !(REFUSALS.has(exception.getStatus()) || exception instanceof OutOfScopeException)
    ) {
      super.catch(exception, host);
      return;
    }
    const request = host.switchToHttp().getRequest<ConsoleRequest>();
    const user = request.user;
    const attempted = (request.body as { username?: unknown } | undefined)?.username;
    void this.audit
      .recordRefusal({
        channel: 'http',
        userId: user?.id ?? null,
        username: user?.username ?? (typeof attempted === 'string' ? attempted.slice(0, 200) : null),
        role: user?.role ?? null,
        departmentId: user?.departmentId ?? null,
        address: clientAddress(request),
        method: request.method,
        target: request.originalUrl,
        status: exception.getStatus(),
        reason: reasonOf(exception),
      })
      .catch((error: unknown) => this.logger.pino.error({ err: error }, 'could not record a refused access'))
      .finally(() => super.catch(exception, host));
  }
}
