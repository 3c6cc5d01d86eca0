import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures. Every request carries `X-Jiancha-Timestamp` (Unix seconds, new for every
 * attempt) and `X-Jiancha-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`.
 * A receiver recomputes the HMAC over the raw body, compares in constant time, and refuses a
 * timestamp more than 5 minutes from its clock (replay).
 */
export const TIMESTAMP_HEADER = 'x-jiancha-timestamp';
export const SIGNATURE_HEADER = 'x-jiancha-signature';
export const DELIVERY_HEADER = 'x-jiancha-delivery';
export const ATTEMPT_HEADER = 'x-jiancha-attempt';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function signWebhook(secret: string, timestampSeconds: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex')}`;
}

export function verifyWebhook(
  secret: string,
  received: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  nowSeconds: number,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): boolean {
  const timestamp = Number(received.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const actual = Buffer.from(received.signature ?? '');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A new per-department secret (shown to the administrator once). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}
