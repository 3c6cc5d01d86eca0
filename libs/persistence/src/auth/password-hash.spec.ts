import { DEFAULT_SCRYPT, decoyHash, hashPassword, verifyPassword } from './password-hash';

const cheap = { cost: 1024, blockSize: 8, parallelization: 1 };

describe(hashPassword.name, () => {
  it('stores the parameters, a random salt and the key, never the password', async () => {
    const sut = await hashPassword('correct horse battery staple', cheap);
    expect(sut).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{88}$/);
    expect(sut).not.toContain('correct horse');
    expect(await hashPassword('correct horse battery staple', cheap)).not.toBe(sut);
  });

  it('uses a cost of at least 2^15 by default', () => {
    expect(DEFAULT_SCRYPT.cost).toBeGreaterThanOrEqual(32_768);
  });
});

describe(verifyPassword.name, () => {
  it('accepts the password that was hashed and refuses any other', async () => {
    const stored = await hashPassword('监察-2026', cheap);
    expect(await verifyPassword('监察-2026', stored)).toBe(true);
    expect(await verifyPassword('监察-2027', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it.each([
    ['an empty string', ''],
    ['another scheme', 'bcrypt$2b$10$abc'],
    ['missing parts', 'scrypt$1024$8$1$c2FsdA=='],
    ['zero cost', 'scrypt$0$8$1$c2FsdA==$a2V5'],
    ['a short key', 'scrypt$1024$8$1$c2FsdA==$a2V5'],
  ])('refuses a malformed hash: %s', async (_case, stored) => {
    expect(await verifyPassword('anything', stored)).toBe(false);
  });

  it('verifies against a decoy hash without accepting anything', async () => {
    expect(await verifyPassword('', await decoyHash())).toBe(false);
  });
});
