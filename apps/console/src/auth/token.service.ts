import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { UserRecord, UserStore } from '@app/persistence';
import { TypedConfig } from '@app/platform';
import { authenticatedUserOf, type AuthenticatedUser } from './authenticated-user';

interface TokenClaims {
  sub: string;
  username: string;
  role: string;
  /** The user's `sessionsValidFrom` at login (epoch ms): the token is void once it moves. */
  sv: number;
}

/** A login a token holds: the user, and since when the user's sessions hold (for `endedSessions`). */
export interface TokenSession {
  user: AuthenticatedUser;
  validFrom: number;
}

export const TOKEN_ISSUER = 'jiancha-console';

/**
 * Login tokens: HS256 JWTs with the user's id, checked on every request and socket handshake.
 * Role and department are read from the users table each time, so deactivating a user or
 * changing their role takes effect at once, not when the token expires.
 */
@Injectable()
export class TokenService {
  constructor(
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(UserStore) private readonly users: UserStore,
    @Inject(TypedConfig) private readonly config: TypedConfig,
  ) {}

  async issue(user: UserRecord, now: number): Promise<{ token: string; expiresAt: string }> {
    const ttl = this.config.values.JWT_TTL_SECONDS;
    const claims: TokenClaims = {
      sub: user.id,
      username: user.username,
      role: user.role,
      sv: Date.parse(user.sessionsValidFrom),
    };
    const token = await this.jwt.signAsync(claims, { expiresIn: ttl });
    return { token, expiresAt: new Date(now + ttl * 1000).toISOString() };
  }

  /** The active user a token names; 401 with the reason otherwise. */
  async authenticate(token: string): Promise<AuthenticatedUser> {
    return (await this.session(token)).user;
  }

  /**
   * The login a token holds; 401 when it is invalid or expired, its user gone or deactivated, or the
   * user's role, department or password changed since it was issued (sessions follow the truth).
   */
  async session(token: string): Promise<TokenSession> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch (error) {
      const expired = (error as Error).name === 'TokenExpiredError';
      throw new UnauthorizedException(expired ? 'login token expired: log in again' : 'invalid login token');
    }
    const user = await this.users.findById(claims.sub);
    if (!user) throw new UnauthorizedException('the user of this token no longer exists');
    if (!user.active) throw new UnauthorizedException(`user ${user.username} is deactivated`);
    const validFrom = Date.parse(user.sessionsValidFrom);
    if (claims.sv !== validFrom) throw new UnauthorizedException(SESSION_ENDED);
    return { user: authenticatedUserOf(user), validFrom };
  }

  /** Of these logins, the indexes of those that no longer hold (user gone, deactivated or changed). */
  async endedSessions(sessions: readonly { userId: string; validFrom: number }[]): Promise<number[]> {
    if (sessions.length === 0) return [];
    const current = await this.users.sessionsOf([...new Set(sessions.map((s) => s.userId))]);
    const ended: number[] = [];
    for (const [index, { userId, validFrom }] of sessions.entries()) {
      const user = current.get(userId);
      if (!user?.active || Date.parse(user.sessionsValidFrom) !== validFrom) ended.push(index);
    }
    return ended;
  }
}

export const SESSION_ENDED =
  'this login has ended: the account’s role, department or password changed; log in again';

/** The token of an `Authorization: Bearer …` header, if any. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
