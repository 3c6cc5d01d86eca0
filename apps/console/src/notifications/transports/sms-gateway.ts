// A configurable HTTP SMS gateway (the provincial platform's, or a carrier's behind an adapter).
// The JSON body comes from a template with the placeholders {{to}}, {{text}}, {{requestId}} and
// {{signName}}, each replaced by the JSON-string-escaped value without quotes (the template writes
// `"to":"{{to}}"`). Every request is signed: headers X-Sms-AppKey, X-Sms-Timestamp (Unix ms),
// X-Sms-Nonce (the request id) and X-Sms-Signature = lowercase hex
// HMAC-SHA256(secret, appKey + "\n" + timestamp + "\n" + nonce + "\n" + body). Any 2xx delivers.
// One SMS holds 70 characters, the 【signName】 the gateway puts in front included.
import { createHmac } from 'node:crypto';
import { HttpTextAnswer, sendJson } from './http-json';
import type { SmsGatewaySettings } from '@app/persistence';
import { httpAnswerText, SendAnswer } from './transport-answer';

/** The gateway as the office configured it (`NotificationSettingsStore`): URL, key, secret, signature, template. */
export type { SmsGatewaySettings };

export interface Sms {
  /** The mobile number. */
  to: string;
  text: string;
  /** Unique per message, the same for its retries: the gateway's idempotency key and the nonce. */
  requestId: string;
}

export const SMS_MAX_CHARS = 70;
export const DEFAULT_SMS_TEMPLATE =
  '{"to":"{{to}}","sign":"{{signName}}","content":"{{text}}","requestId":"{{requestId}}"}';

export const SMS_HEADERS = {
  appKey: 'X-Sms-AppKey',
  timestamp: 'X-Sms-Timestamp',
  nonce: 'X-Sms-Nonce',
  signature: 'X-Sms-Signature',
} as const;

const ELLIPSIS = '…';

/** `text`, cut (ending with '…') so that `【signName】` + text is at most {@link SMS_MAX_CHARS} code points. */
export function smsText(text: string, signName: string): string {
  const room = SMS_MAX_CHARS - Array.from(`【${signName}】`).length;
  const chars = Array.from(text);
  if (chars.length <= room) return text;
  if (room <= 0) return '';
  return `${chars.slice(0, room - 1).join('')}${ELLIPSIS}`;
}

/** The template with its placeholders replaced (in one pass); throws when the result is not JSON. */
export function smsBody(
  template: string,
  values: Record<'to' | 'text' | 'requestId' | 'signName', string>,
): string {
  const body = template.replace(
    /\{\{(to|text|requestId|signName)\}\}/g,
    (_whole, name: keyof typeof values) => JSON.stringify(values[name]).slice(1, -1),
  );
  try {
    JSON.parse(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`the SMS body template does not make JSON (${reason}): ${body.slice(0, 200)}`);
  }
  return body;
}

/** Lowercase hex HMAC-SHA256(secret, `${appKey}\n${timestamp}\n${nonce}\n${body}`). */
export function signSms(
  secret: string,
  signed: { appKey: string; timestampMs: number; nonce: string; body: string },
): string {
  return createHmac('sha256', secret)
    .update(`${signed.appKey}\n${signed.timestampMs}\n${signed.nonce}\n${signed.body}`, 'utf8')
    .digest('hex');
}

/** The signed request of one SMS at `nowMs` (text cut to the length limit); throws on a bad template. */
export function smsRequest(
  settings: SmsGatewaySettings,
  sms: Sms,
  nowMs: number,
): { url: string; headers: Record<string, string>; body: string } {
  const body = smsBody(settings.bodyTemplate, {
    to: sms.to,
    text: smsText(sms.text, settings.signName),
    requestId: sms.requestId,
    signName: settings.signName,
  });
  const timestampMs = Math.trunc(nowMs);
  const signature = signSms(settings.secret, {
    appKey: settings.appKey,
    timestampMs,
    nonce: sms.requestId,
    body,
  });
  return {
    url: settings.url,
    headers: {
      [SMS_HEADERS.appKey]: settings.appKey,
      [SMS_HEADERS.timestamp]: String(timestampMs),
      [SMS_HEADERS.nonce]: sms.requestId,
      [SMS_HEADERS.signature]: signature,
    },
    body,
  };
}

/** Sends one SMS; never throws. */
export function sendSms(
  settings: SmsGatewaySettings,
  sms: Sms,
  nowMs: number,
  timeoutMs: number,
): Promise<SendAnswer> {
  return sendJson(() => smsRequest(settings, sms, nowMs), timeoutMs, gatewayAnswer);
}

/** The {@link SendAnswer} of the gateway's HTTP answer: any 2xx delivers. */
function gatewayAnswer(http: HttpTextAnswer): SendAnswer {
  const ok = http.status >= 200 && http.status < 300;
  return { ok, answer: httpAnswerText(http.status, http.body), statusCode: http.status };
}
