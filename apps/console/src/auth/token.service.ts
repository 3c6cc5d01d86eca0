import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { UserRecord, UserStore } from '@app/persistence';
import { TypedConfig } from '@app/platform';
import { authenticatedUserOf, type AuthenticatedUser } from './authenticated-user';

interface TokenClaims {
  sub: string;
  username: string;
  role: string;
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
    const claims: TokenClaims = { sub: user.id, username: user.username, role: user.role };
    const token = await this.jwt.signAsync(claims, { expiresIn: ttl });
    return { token, expiresAt: new Date(now + ttl * 1000).toISOString() };
  }

  /** The active user a token names; 401 with the reason otherwise. */
  async authenticate(token: string): Promise<AuthenticatedUser> {
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
    return authenticatedUserOf(user);
  }
}

/** The token of an `Authorization: Bearer …` header, if any. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
