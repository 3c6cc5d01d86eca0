import pino from 'pino';
import { loadConfig } from '@app/platform';
import { resolveJwtSigningKey } from './jwt-signing-key';

const silent = pino({ level: 'silent' });
const configured = 'a-production-signing-key-of-at-least-32-chars';

function aSecretsTable() {
  const values = new Map<string, string>();
  return {
    values,
    getOrCreate: (name: string, generate: () => string) => {
      if (!values.has(name)) values.set(name, generate());
      return Promise.resolve(values.get(name) as string);
    },
  };
}

describe(resolveJwtSigningKey.name, () => {
  it('refuses to start in production without JWT_SECRET', async () => {
    const sut = resolveJwtSigningKey(loadConfig({ NODE_ENV: 'production' }), aSecretsTable(), silent);
    await expect(sut).rejects.toThrow('JWT_SECRET is required in production');
  });

  it('uses JWT_SECRET when it is set', async () => {
    const secrets = aSecretsTable();
    const sut = await resolveJwtSigningKey(
      loadConfig({ NODE_ENV: 'production', JWT_SECRET: configured }),
      secrets,
      silent,
    );
    expect(sut).toBe(configured);
    expect(secrets.values.size).toBe(0);
  });

  it('shares one generated development key through the database outside production', async () => {
    const secrets = aSecretsTable();
    const first = await resolveJwtSigningKey(loadConfig({ NODE_ENV: 'development' }), secrets, silent);
    const second = await resolveJwtSigningKey(loadConfig({ NODE_ENV: 'test' }), secrets, silent);
    expect(first).toBe(second);
    expect(first.length).toBeGreaterThanOrEqual(48);
    expect([...secrets.values.keys()]).toEqual(['jwt-signing-key:dev-only']);
  });

  it('refuses a configured key shorter than 32 characters (configuration error)', () => {
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });
});
