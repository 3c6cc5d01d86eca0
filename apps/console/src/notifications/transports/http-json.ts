// The one HTTP call the robot and SMS transports make: POST a JSON body and read the status and
// the answer's text. No keep-alive (one connection per send, closed after), no redirects followed,
// a hard deadline over the whole exchange, at most MAX_ANSWER_BYTES of the answer kept.
import http from 'node:http';
import https from 'node:https';
import { answerOf, SendAnswer } from './transport-answer';

export const MAX_ANSWER_BYTES = 64 * 1024;

export interface HttpTextAnswer {
  status: number;
  /** The answer body as UTF-8 text, cut at {@link MAX_ANSWER_BYTES}. */
  body: string;
}

/** One send of a transport: where to POST which JSON body, with which headers besides the content type. */
export interface JsonRequest {
  url: string;
  body: string;
  headers?: Record<string, string>;
}

/**
 * Sends the request `build` makes and reads the channel's answer with `read`; never throws: a
 * failure (the request's building included) is a failed answer.
 */
export function sendJson(
  build: () => JsonRequest,
  timeoutMs: number,
  read: (answer: HttpTextAnswer) => SendAnswer,
): Promise<SendAnswer> {
  return answerOf(async () => {
    const request = build();
    return read(await postJson(request.url, request.body, timeoutMs, request.headers));
  });
}

/** POSTs `body` as `application/json`; rejects on a connection error or when `timeoutMs` passes. */
export function postJson(
  url: string,
  body: string,
  timeoutMs: number,
  headers: Record<string, string> = {},
): Promise<HttpTextAnswer> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      outcome();
    };
    const request = client.request(
      target,
      {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          ...headers,
          'content-length': Buffer.byteLength(body),
          connection: 'close',
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        const answer = () => ({
          status: response.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        response.on('data', (chunk: Buffer) => {
          if (settled) return;
          const part = chunk.subarray(0, MAX_ANSWER_BYTES - kept);
          chunks.push(part);
          kept += part.length;
          if (kept < MAX_ANSWER_BYTES) return;
          // enough read: stop the transfer, the connection is not reused anyway
          settle(() => resolve(answer()));
          response.destroy();
        });
        response.on('end', () => settle(() => resolve(answer())));
        response.on('error', (error) => settle(() => reject(error)));
      },
    );
    const deadline = setTimeout(() => {
      settle(() => reject(new Error(`no answer from ${target.host} within ${timeoutMs} ms`)));
      request.destroy();
    }, timeoutMs);
    request.on('error', (error) => settle(() => reject(error)));
    request.end(body);
  });
}
