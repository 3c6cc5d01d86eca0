// What a notification channel (mail server, robot, SMS gateway) answered one send: the outcome the
// dispatcher records in the attempt log. The transports never throw; every failure is an answer.

export interface SendAnswer {
  /** The channel took the message (SMTP 250, robot errcode 0, gateway 2xx). */
  ok: boolean;
  /**
   * What the channel said, e.g. `HTTP 200 {"errcode":0,"errmsg":"ok"}`, `250 OK: queued as X`, or
   * the error message; at most {@link MAX_ANSWER_CHARS} characters.
   */
  answer: string;
  /** The HTTP status or SMTP reply code, null when there was none (connection refused, timeout). */
  statusCode: number | null;
}

export const MAX_ANSWER_CHARS = 500;

/** Cuts `text` to {@link MAX_ANSWER_CHARS} characters (whole code points), ending with '…' when cut. */
export function clipAnswer(text: string): string {
  const chars = Array.from(text);
  return chars.length <= MAX_ANSWER_CHARS ? text : `${chars.slice(0, MAX_ANSWER_CHARS - 1).join('')}…`;
}

/** `HTTP <status> <body>`, the answer of an HTTP channel. */
export function httpAnswerText(status: number, body: string): string {
  return clipAnswer(`HTTP ${status} ${body}`.trim());
}

/**
 * A readable message for anything thrown: Node's connection errors can come with an empty message
 * (an AggregateError of the IPv4 and IPv6 attempts), so the code and inner messages are used then.
 * Duck-typed, not `instanceof Error`: errors from another realm (Node's core under a test runner's
 * sandbox) are errors too.
 */
export function errorText(error: unknown): string {
  if (typeof error !== 'object' || error === null || typeof (error as Error).message !== 'string')
    return clipAnswer(String(error));
  const { message, name, code, errors } = error as Error & { code?: unknown; errors?: unknown };
  const inner = Array.isArray(errors) ? errors.map((e) => errorText(e)).join('; ') : '';
  const text = message || inner || (typeof name === 'string' ? name : 'error');
  return clipAnswer(typeof code === 'string' && !text.includes(code) ? `${code}: ${text}` : text);
}

/** The answer for a send that failed before or without a reply. */
export function failedAnswer(error: unknown, statusCode: number | null = null): SendAnswer {
  return { ok: false, answer: errorText(error), statusCode };
}

/** What `send` answered, or a failed answer for whatever it threw: a transport never throws. */
export async function answerOf(send: () => Promise<SendAnswer>): Promise<SendAnswer> {
  try {
    return await send();
  } catch (error) {
    return failedAnswer(error);
  }
}
