import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { PgAppSecrets } from '@app/persistence';
import { AppConfig, SecretBox } from '@app/platform';

/**
 * The box that seals the secrets kept in the database (ADR 14). Production must set SECRETS_KEY
 * (startup fails otherwise). Development and test generate one key, kept in `app_secrets` so every
 * console and every restart opens the same values: DEV/TEST ONLY, since the key then sits beside
 * what it seals.
 */
export async function resolveSecretBox(
  config: AppConfig,
  secrets: Pick<PgAppSecrets, 'getOrCreate'>,
  logger: Logger,
): Promise<SecretBox> {
  if (config.SECRETS_KEY) return new SecretBox(config.SECRETS_KEY);
  if (config.NODE_ENV === 'production') {
    throw new Error('SECRETS_KEY is required in production (at least 16 characters)');
  }
  const key = await secrets.getOrCreate('secrets-key:dev-only', () => randomBytes(32).toString('base64'));
  logger.warn(
    'SECRETS_KEY is not set: using the generated development key stored in the database (dev/test only)',
  );
  return new SecretBox(key);
}
