import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox('a-test-key-of-enough-length');

  it('seals into an opaque value that opens to the same text', () => {
    const sealed = box.seal('SEC-钉钉-123');
    expect(SecretBox.isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('SEC');
    expect(box.open(sealed)).toBe('SEC-钉钉-123');
  });

  it('seals the same text differently each time (a fresh IV)', () => {
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('refuses a wrong key and a tampered value', () => {
    const sealed = box.seal('secret');
    expect(() => new SecretBox('another-key-of-enough-length').open(sealed)).toThrow(/SECRETS_KEY/);
    const parts = sealed.split(':');
    const body = Buffer.from(parts[3] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => box.open(parts.join(':'))).toThrow(/tampered/);
  });

  it('tells a value stored before encryption apart', () => {
    expect(SecretBox.isSealed('plain-old-secret')).toBe(false);
    expect(() => box.open('plain-old-secret')).toThrow(/not a sealed/);
  });

  it('refuses a short key', () => {
    expect(() => new SecretBox('short')).toThrow(/16 characters/);
  });
});
