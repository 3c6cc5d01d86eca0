import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashes with scrypt (node:crypto, no native add-on). The stored form carries its own
 * parameters, `scrypt$N$r$p$salt$hash` (base64), so the cost can be raised later without
 * invalidating existing hashes.
 */
export interface ScryptParameters {
  cost: number;
  blockSize: number;
  parallelization: number;
}

/** 2^15 × 8 × 128 B = 32 MiB per hash, ~50–100 ms on one core. */
export const DEFAULT_SCRYPT: ScryptParameters = { cost: 32_768, blockSize: 8, parallelization: 1 };
const KEY_LENGTH = 64;

function derive(password: string, salt: Buffer, parameters: ScryptParameters): Promise<Buffer> {
  const { cost, blockSize, parallelization } = parameters;
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFKC'),
      salt,
      KEY_LENGTH,
      { N: cost, r: blockSize, p: parallelization, maxmem: 256 * cost * blockSize },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

export async function hashPassword(password: string, parameters = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, parameters);
  const { cost, blockSize, parallelization } = parameters;
  return ['scrypt', cost, blockSize, parallelization, salt.toString('base64'), key.toString('base64')].join(
    '$',
  );
}

/** Whether a password matches a stored hash; false for a malformed hash, compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [cost, blockSize, parallelization] = parts.slice(1, 4).map(Number);
  if (!cost || !blockSize || !parallelization) return false;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  if (expected.length !== KEY_LENGTH) return false;
  const actual = await derive(password, salt, { cost, blockSize, parallelization });
  return timingSafeEqual(actual, expected);
}

/**
 * A hash of a random password, verified against when the username does not exist, so that a
 * failed login takes as long for an unknown user as for a wrong password.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(24).toString('base64'));
  return decoy;
}
