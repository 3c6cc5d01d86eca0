import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const PREFIX = 'v1:';
const IV_BYTES = 12;

/**
 * Secrets at rest (webhook and robot secrets, robot URLs that carry a token, the SMTP password, the
 * SMS gateway's secret): AES-256-GCM under a key from the configuration (SECRETS_KEY). A sealed
 * value reads `v1:<iv>:<tag>:<ciphertext>` (base64url), so a value stored before encryption is told
 * apart and sealed on the next start. Tampering or a wrong key fails loudly, never silently.
 */
export class SecretBox {
  private readonly key: Buffer;

  /** `key`: any string; the AES key is its SHA-256, so a passphrase and a base64 key both work. */
  constructor(key: string) {
    if (key.length < 16) throw new Error('the secrets key must have at least 16 characters');
    this.key = createHash('sha256').update(key, 'utf8').digest();
  }

  static isSealed(value: string): boolean {
    return value.startsWith(PREFIX);
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return `${PREFIX}${iv.toString('base64url')}:${tag.toString('base64url')}:${body.toString('base64url')}`;
  }

  open(sealed: string): string {
    if (!SecretBox.isSealed(sealed)) throw new Error('not a sealed secret');
    const [iv, tag, body] = sealed.slice(PREFIX.length).split(':');
    if (iv === undefined || tag === undefined || body === undefined)
      throw new Error('a malformed sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    try {
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new Error('a sealed secret does not open with this SECRETS_KEY (wrong key or tampered value)');
    }
  }

  /** Null stays null: for optional secrets. */
  sealOrNull(plain: string | null): string | null {
    return plain === null ? null : this.seal(plain);
  }

  openOrNull(sealed: string | null): string | null {
    return sealed === null ? null : this.open(sealed);
  }
}
