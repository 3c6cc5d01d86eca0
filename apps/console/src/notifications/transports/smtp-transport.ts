// Email through an SMTP server with nodemailer: one connection per send (no pool), every wait
// (connect, greeting, each reply, DNS) bounded by the send's timeout. nodemailer writes the
// Chinese subject and names as RFC 2047 encoded words and the text and HTML as UTF-8 parts.
// The Message-ID is `<messageId@jiancha.local>`, the same for every retry, so a receiver can tell
// a resend. TLS, by the settings:
//  - `secure`: TLS from the first byte (implicit TLS, port 465);
//  - not secure, with a username: STARTTLS is required (`requireTLS`), a password never crosses
//    the network in clear; a server that does not offer STARTTLS is a failed send;
//  - not secure, no username (an internal relay that trusts the network): STARTTLS when the server
//    offers it, plaintext when it does not or refuses it (`opportunisticTLS`), so a plain local
//    server works.
import { createTransport } from 'nodemailer';
import type { SmtpSettings } from '@app/persistence';
import { clipAnswer, failedAnswer, SendAnswer } from './transport-answer';

/** The mail server as the office configured it (`NotificationSettingsStore`). */
export type { SmtpSettings };

export interface EmailMessage {
  /** Stable per message (the same for its retries), e.g. `digest-42-dept-7`. */
  messageId: string;
  to: { name: string; address: string }[];
  subject: string;
  text: string;
  html: string;
}

export const MESSAGE_ID_DOMAIN = 'jiancha.local';

/** The Message-ID header of a message: characters outside an RFC 5322 dot-atom become '-'. */
export function emailMessageId(messageId: string): string {
  return `<${messageId.replace(/[^A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]/g, '-')}@${MESSAGE_ID_DOMAIN}>`;
}

/** Sends one email; never throws. ok only when the server took the message for every recipient. */
export async function sendEmail(
  settings: SmtpSettings,
  mail: EmailMessage,
  timeoutMs: number,
): Promise<SendAnswer> {
  const credentials = settings.username
    ? { user: settings.username, pass: settings.password ?? '' }
    : undefined;
  try {
    const transporter = createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      requireTLS: !settings.secure && credentials !== undefined,
      opportunisticTLS: !settings.secure && credentials === undefined,
      auth: credentials,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      dnsTimeout: timeoutMs,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    try {
      const info = await transporter.sendMail({
        messageId: emailMessageId(mail.messageId),
        from: settings.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      });
      const rejected = info.rejected ?? [];
      const answer = rejected.length ? `${info.response}; refused: ${rejected.join(', ')}` : info.response;
      return { ok: rejected.length === 0, answer: clipAnswer(answer), statusCode: replyCode(info.response) };
    } finally {
      transporter.close();
    }
  } catch (error) {
    const responseCode = (error as { responseCode?: unknown }).responseCode;
    return failedAnswer(error, typeof responseCode === 'number' ? responseCode : null);
  }
}

function replyCode(response: string): number | null {
  const code = /^(\d{3})\b/.exec(response);
  return code ? Number(code[1]) : null;
}
