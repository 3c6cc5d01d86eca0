import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { PgAppSecrets } from '@app/persistence';
import type { AppConfig } from '@app/platform';

/**
 * The key that signs login tokens. Production must set JWT_SECRET (startup fails otherwise).
 * Development and test generate one key, kept in the database (`app_secrets`) so that every
 * console instance and every restart accepts the same tokens: DEV/TEST ONLY.
 */
export async function resolveJwtSigningKey(
  config: AppConfig,
  secrets: Pick<PgAppSecrets, 'getOrCreate'>,
  logger: Logger,
): Promise<string> {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  if (config.NODE_ENV === 'production') {
    throw new Error('JWT_SECRET is required in production (at least 32 characters)');
  }
  const key = await secrets.getOrCreate('jwt-signing-key:dev-only', () => randomBytes(48).toString('base64'));
  logger.warn(
    'JWT_SECRET is not set: using the generated development signing key stored in the database (dev/test only)',
  );
  return key;
}
