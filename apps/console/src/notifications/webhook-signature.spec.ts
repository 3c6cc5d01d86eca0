import { createHmac } from 'node:crypto';
import { newWebhookSecret, signWebhook, verifyWebhook } from './webhook-signature';

const secret = 'whsec_test';
const body = '{"digestId":1}';
const now = 1_790_000_000;

describe(signWebhook.name, () => {
  it('is sha256= and the hex HMAC-SHA256 of timestamp.body', () => {
    const expected = createHmac('sha256', secret).update(`${now}.${body}`).digest('hex');
    expect(signWebhook(secret, now, body)).toBe(`sha256=${expected}`);
  });
});

describe(verifyWebhook.name, () => {
  const signature = signWebhook(secret, now, body);

  it('accepts the signature of the body and timestamp', () => {
    expect(verifyWebhook(secret, { timestamp: String(now), signature }, body, now + 10)).toBe(true);
  });

  it.each([
    ['another body', { timestamp: String(now), signature }, '{"digestId":2}', now],
    ['another timestamp', { timestamp: String(now + 1), signature }, body, now],
    ['a timestamp too old (replay)', { timestamp: String(now), signature }, body, now + 301],
    ['a timestamp from the future', { timestamp: String(now), signature }, body, now - 301],
    ['no signature', { timestamp: String(now), signature: undefined }, body, now],
    ['no timestamp', { timestamp: undefined, signature }, body, now],
    [
      'another secret',
      { timestamp: String(now), signature: signWebhook('whsec_other', now, body) },
      body,
      now,
    ],
  ])('refuses %s', (_name, received, receivedBody, at) => {
    expect(verifyWebhook(secret, received, receivedBody, at)).toBe(false);
  });
});

describe(newWebhookSecret.name, () => {
  it('makes a different 256-bit secret each time', () => {
    const sut = newWebhookSecret();
    expect(sut).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(sut);
  });
});
