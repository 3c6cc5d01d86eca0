import { Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerModuleOptions } from '@nestjs/throttler';
import type { AppConfig } from '@app/platform';

function usernameOf(request: Record<string, unknown>): string {
  const body = request.body as { username?: unknown } | undefined;
  return typeof body?.username === 'string' ? body.username.trim().toLowerCase() : '';
}

/**
 * Brute-force protection of the login: at most N attempts per window from one address, and at most
 * M for one username from anywhere (a distributed guess at one account). Counters are per console
 * instance (in memory); with several instances the limits apply per instance.
 */
export function loginThrottling(config: AppConfig): ThrottlerModuleOptions {
  return {
    errorMessage: 'too many login attempts; wait and try again',
    throttlers: [
      {
        name: 'login-address',
        ttl: config.LOGIN_THROTTLE_WINDOW_MS,
        limit: config.LOGIN_THROTTLE_PER_ADDRESS,
        getTracker: (request) => String(request.ip ?? 'unknown'),
      },
      {
        name: 'login-username',
        ttl: config.LOGIN_THROTTLE_WINDOW_MS,
        limit: config.LOGIN_THROTTLE_PER_USERNAME,
        getTracker: (request) => `user:${usernameOf(request)}`,
      },
    ],
  };
}

@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {}
