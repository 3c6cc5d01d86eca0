// The other end of the notification transports, real servers for tests: an SMTP server (the
// `smtp-server` package, each message parsed with mailparser), a DingTalk robot endpoint, a WeCom
// robot endpoint and a signed SMS gateway. Each checks a request the way the real service does,
// recomputing signatures from the services' documented recipes (never with the transports' code),
// records what it took, and can fail (answer 500, or SMTP 451) or go away (connections refused)
// and come back on the same port, as a channel in an outage does.
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, SMTPServerSession } from 'smtp-server';

/** What every receiver records and how a test waits for it. */
abstract class Recorder<Taken> {
  /** The messages taken (answered as a success), in order. */
  readonly received: Taken[] = [];
  /** Why each refused request was refused, in order (bad signature, bad body…). */
  readonly refusals: string[] = [];
  /** Every request or SMTP transaction seen, taken, refused or failed. */
  attempts = 0;

  /** A probe for `eventually`: the messages taken once there are at least `count`, else undefined. */
  atLeast(count: number): Promise<Taken[] | undefined> {
    return Promise.resolve(this.received.length >= count ? [...this.received] : undefined);
  }

  /** Waits until at least `count` messages were taken. */
  async waitFor(count = 1, timeoutMs = 5_000): Promise<Taken[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline)
        throw new Error(
          `${this.constructor.name}: ${this.received.length} of ${count} messages within ${timeoutMs} ms` +
            (this.refusals.length ? `; refused: ${this.refusals.join(' | ')}` : ''),
        );
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return [...this.received];
  }
}

interface HttpVerdict<Taken> {
  status: number;
  body: unknown;
  taken?: Taken;
  refusal?: string;
}

/** An HTTP endpoint on 127.0.0.1 that hands each request to `judge`, unless it is told to fail. */
abstract class HttpReceiver<Taken> extends Recorder<Taken> {
  private port = 0;
  private failStatus: number | null = null;
  private delayMs = 0;
  private readonly server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => setTimeout(() => answer(), this.delayMs));
    const answer = () => {
      this.attempts += 1;
      if (this.failStatus !== null) {
        response.writeHead(this.failStatus, { 'content-type': 'text/plain' }).end('receiver failing');
        return;
      }
      const url = new URL(request.url ?? '/', 'http://receiver');
      const verdict = this.judge(request, url, Buffer.concat(chunks).toString('utf8'));
      if (verdict.taken !== undefined) this.received.push(verdict.taken);
      if (verdict.refusal !== undefined) this.refusals.push(verdict.refusal);
      response
        .writeHead(verdict.status, { 'content-type': 'application/json; charset=utf-8' })
        .end(JSON.stringify(verdict.body));
    };
  });

  protected abstract judge(request: http.IncomingMessage, url: URL, body: string): HttpVerdict<Taken>;

  /** The full URL a sender is configured with. */
  abstract get url(): string;

  protected get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** Answers `status` (500 unless given) to every request until `recover()`. */
  failAlways(status = 500): void {
    this.failStatus = status;
  }

  /** Takes and answers each request `ms` after it arrived: a slow channel. */
  answerAfter(ms: number): void {
    this.delayMs = ms;
  }

  recover(): void {
    this.failStatus = null;
  }

  /** Closes the listening socket: senders get "connection refused" until `comeBack()`. */
  async goAway(): Promise<void> {
    if (!this.server.listening) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Listens again, on the same port. */
  async comeBack(): Promise<void> {
    await this.start();
  }

  stop(): Promise<void> {
    return this.goAway();
  }
}

type Json = Record<string, unknown>;

function parseObject(body: string): Json | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Json)
      : undefined;
  } catch {
    return undefined;
  }
}

function objectAt(value: Json, key: string): Json | undefined {
  const inner = value[key];
  return typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? (inner as Json) : undefined;
}

const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

function sameText(actual: string, expected: string): boolean {
  const [a, b] = [Buffer.from(actual), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}

function isJsonRequest(request: http.IncomingMessage): boolean {
  return request.method === 'POST' && /^application\/json\b/i.test(request.headers['content-type'] ?? '');
}

/** The chat robots (DingTalk, WeCom) refuse a message with HTTP 200 and an errcode. */
function robotRefusal(errcode: number, errmsg: string): HttpVerdict<never> {
  return { status: 200, body: { errcode, errmsg }, refusal: errmsg };
}

/** A chat robot's answer to a path it does not serve. */
const ROBOT_NOT_FOUND: HttpVerdict<never> = { status: 404, body: { errmsg: 'not found' }, refusal: 'path' };

/** A chat robot's answer to a message it took. */
const ROBOT_OK = { errcode: 0, errmsg: 'ok' };

// ---------------------------------------------------------------------------------------------
// DingTalk

export interface DingTalkTaken {
  title: string;
  text: string;
  atMobiles: string[];
  isAtAll: boolean;
  /** The `timestamp` query parameter, null for a robot without 加签. */
  timestamp: number | null;
}

/**
 * A DingTalk custom robot (`/robot/send?access_token=…`). With a secret (加签) it checks, as
 * DingTalk documents: `timestamp` within an hour of now, and `sign` (URL-decoded) equal to
 * base64(HMAC-SHA256(key = secret, message = timestamp + "\n" + secret)); otherwise errcode 310000.
 * The body must be a markdown message with a title and a text.
 */
export class DingTalkReceiver extends HttpReceiver<DingTalkTaken> {
  constructor(
    readonly accessToken = 'dingtalk-token-1',
    readonly secret: string | null = 'SECdingtalk-test-secret',
  ) {
    super();
  }

  get url(): string {
    return `${this.origin}/robot/send?access_token=${this.accessToken}`;
  }

  protected judge(request: http.IncomingMessage, url: URL, body: string): HttpVerdict<DingTalkTaken> {
    if (url.pathname !== '/robot/send') return ROBOT_NOT_FOUND;
    if (url.searchParams.get('access_token') !== this.accessToken)
      return robotRefusal(300001, 'token is not exist');
    let timestamp: number | null = null;
    if (this.secret !== null) {
      const stamp = url.searchParams.get('timestamp') ?? '';
      const sign = url.searchParams.get('sign') ?? '';
      if (!/^\d+$/.test(stamp) || Math.abs(Date.now() - Number(stamp)) > 3_600_000)
        return robotRefusal(310000, 'invalid timestamp');
      const expected = createHmac('sha256', Buffer.from(this.secret, 'utf8'))
        .update(Buffer.from(`${stamp}\n${this.secret}`, 'utf8'))
        .digest('base64');
      if (!sameText(sign, expected)) return robotRefusal(310000, 'sign not match');
      timestamp = Number(stamp);
    }
    if (!isJsonRequest(request)) return robotRefusal(43004, 'content-type is not application/json');
    const message = parseObject(body);
    const markdown = message && objectAt(message, 'markdown');
    if (!message || message.msgtype !== 'markdown' || !markdown)
      return robotRefusal(40035, '缺少参数 json: markdown');
    if (!nonEmptyString(markdown.title) || !nonEmptyString(markdown.text))
      return robotRefusal(40035, '缺少参数 markdown.title or markdown.text');
    const at = objectAt(message, 'at') ?? {};
    const atMobiles = at.atMobiles ?? [];
    if (!Array.isArray(atMobiles) || !atMobiles.every((m) => typeof m === 'string'))
      return robotRefusal(40035, 'at.atMobiles is not a list of strings');
    if (at.isAtAll !== undefined && typeof at.isAtAll !== 'boolean')
      return robotRefusal(40035, 'at.isAtAll is not boolean');
    return {
      status: 200,
      body: ROBOT_OK,
      taken: {
        title: markdown.title,
        text: markdown.text,
        atMobiles,
        isAtAll: at.isAtAll === true,
        timestamp,
      },
    };
  }
}

// ---------------------------------------------------------------------------------------------
// WeCom

export interface WeComTaken {
  content: string;
}

/**
 * A WeCom group robot (`/cgi-bin/webhook/send?key=…`): the key must match (else errcode 93000),
 * the body must be a markdown message whose content is at most 4096 bytes (else 40058).
 */
export class WeComReceiver extends HttpReceiver<WeComTaken> {
  constructor(readonly key = 'wecom-key-1') {
    super();
  }

  get url(): string {
    return `${this.origin}/cgi-bin/webhook/send?key=${this.key}`;
  }

  protected judge(request: http.IncomingMessage, url: URL, body: string): HttpVerdict<WeComTaken> {
    if (url.pathname !== '/cgi-bin/webhook/send') return ROBOT_NOT_FOUND;
    if (url.searchParams.get('key') !== this.key) return robotRefusal(93000, 'invalid webhook url');
    if (!isJsonRequest(request)) return robotRefusal(40035, 'content-type is not application/json');
    const message = parseObject(body);
    const markdown = message && objectAt(message, 'markdown');
    if (!message || message.msgtype !== 'markdown' || !markdown || !nonEmptyString(markdown.content))
      return robotRefusal(40008, 'invalid message type or empty markdown.content');
    if (Buffer.byteLength(markdown.content, 'utf8') > 4096)
      return robotRefusal(40058, 'markdown.content exceed max length 4096');
    return { status: 200, body: ROBOT_OK, taken: { content: markdown.content } };
  }
}

// ---------------------------------------------------------------------------------------------
// SMS gateway

export interface SmsTaken {
  to: string;
  text: string;
  requestId: string;
  signName: string;
  /** The X-Sms-Timestamp header (Unix ms). */
  timestamp: number;
}

/** Where the fields are in the gateway's JSON body (the default template's names unless given). */
export interface SmsBodyFields {
  to: string;
  text: string;
  requestId: string;
  signName: string;
}

/**
 * A signed SMS gateway at `/sms/send`. It checks X-Sms-AppKey, X-Sms-Timestamp (Unix ms, within 5
 * minutes), X-Sms-Nonce, and X-Sms-Signature = lowercase hex HMAC-SHA256(secret,
 * appKey\ntimestamp\nnonce\nbody) over the raw body (401 otherwise), then that the body is JSON
 * with the expected string fields and the nonce as its request id (400 otherwise).
 */
export class SmsGatewayReceiver extends HttpReceiver<SmsTaken> {
  constructor(
    readonly appKey = 'sms-app-1',
    readonly secret = 'sms-gateway-secret',
    readonly fields: SmsBodyFields = { to: 'to', text: 'content', requestId: 'requestId', signName: 'sign' },
  ) {
    super();
  }

  get url(): string {
    return `${this.origin}/sms/send`;
  }

  protected judge(request: http.IncomingMessage, url: URL, body: string): HttpVerdict<SmsTaken> {
    const refuse = (status: number, code: string, message: string) => ({
      status,
      body: { code, message },
      refusal: `${code}: ${message}`,
    });
    if (url.pathname !== '/sms/send') return refuse(404, 'NotFound', url.pathname);
    if (!isJsonRequest(request)) return refuse(415, 'UnsupportedMediaType', 'POST application/json only');
    const header = (name: string) => {
      const value = request.headers[name];
      return typeof value === 'string' ? value : '';
    };
    const [appKey, stamp, nonce, signature] = [
      'x-sms-appkey',
      'x-sms-timestamp',
      'x-sms-nonce',
      'x-sms-signature',
    ].map(header) as [string, string, string, string];
    if (appKey !== this.appKey) return refuse(401, 'InvalidAppKey', appKey);
    if (!/^\d+$/.test(stamp) || Math.abs(Date.now() - Number(stamp)) > 300_000)
      return refuse(401, 'InvalidTimestamp', stamp);
    if (!nonce) return refuse(401, 'MissingNonce', 'X-Sms-Nonce');
    const expected = createHmac('sha256', this.secret)
      .update(`${appKey}\n${stamp}\n${nonce}\n${body}`, 'utf8')
      .digest('hex');
    if (!/^[0-9a-f]{64}$/.test(signature) || !sameText(signature, expected))
      return refuse(401, 'SignatureDoesNotMatch', signature);
    const message = parseObject(body);
    if (!message) return refuse(400, 'InvalidBody', 'not a JSON object');
    const read = (key: keyof SmsBodyFields) => message[this.fields[key]];
    const [to, text, requestId, signName] = [read('to'), read('text'), read('requestId'), read('signName')];
    if (
      !nonEmptyString(to) ||
      !nonEmptyString(text) ||
      !nonEmptyString(requestId) ||
      typeof signName !== 'string'
    )
      return refuse(400, 'InvalidBody', `missing fields in ${body}`);
    if (requestId !== nonce) return refuse(400, 'InvalidBody', 'requestId is not the nonce');
    return {
      status: 200,
      body: { code: 'OK', bizId: `biz-${this.received.length + 1}`, requestId },
      taken: { to, text, requestId, signName, timestamp: Number(stamp) },
    };
  }
}

// ---------------------------------------------------------------------------------------------
// SMTP

export interface MailTaken {
  /** The Message-ID header, angle brackets included. */
  messageId: string;
  /** The From header's address. */
  from: string;
  /** The envelope recipients (RCPT TO): who the server delivers to. */
  to: string[];
  /** The To header's addresses with their decoded display names. */
  toHeader: { name: string; address: string }[];
  /** The decoded subject. */
  subject: string;
  /** The Subject header line as sent (folded lines included), to check its RFC 2047 encoding. */
  rawSubjectHeader: string;
  text: string;
  html: string;
  /** The authenticated user, null without AUTH. */
  user: string | null;
}

/**
 * An SMTP server on 127.0.0.1 (no TLS: STARTTLS disabled). AUTH is optional and only offered when
 * `users` are given (then also over the plain connection). `failAlways(451)` refuses every
 * transaction at MAIL FROM with that reply code.
 */
export class SmtpReceiver extends Recorder<MailTaken> {
  readonly host = '127.0.0.1';
  private currentPort = 0;
  private failCode: number | null = null;
  private server: SMTPServer | null = null;

  constructor(private readonly users: Record<string, string> | null = null) {
    super();
  }

  get port(): number {
    return this.currentPort;
  }

  get url(): string {
    return `smtp://${this.host}:${this.currentPort}`;
  }

  async start(): Promise<this> {
    const server = this.newServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.currentPort, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.currentPort = (server.server.address() as AddressInfo).port;
    return this;
  }

  /** Refuses every transaction with `code` (451 unless given) until `recover()`. */
  failAlways(code = 451): void {
    this.failCode = code;
  }

  recover(): void {
    this.failCode = null;
  }

  /** Closes the listening socket: senders get "connection refused" until `comeBack()`. */
  async goAway(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Listens again, on the same port. */
  async comeBack(): Promise<void> {
    await this.start();
  }

  stop(): Promise<void> {
    return this.goAway();
  }

  private newServer(): SMTPServer {
    const users = this.users;
    return new SMTPServer({
      authOptional: true,
      allowInsecureAuth: true,
      disabledCommands: users ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
      disableReverseLookup: true,
      logger: false,
      closeTimeout: 1_000,
      onAuth: (auth, _session, callback) => {
        if (users && auth.username !== undefined && users[auth.username] === auth.password)
          return callback(null, { user: auth.username });
        callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      },
      onMailFrom: (_address, _session, callback) => {
        this.attempts += 1;
        if (this.failCode === null) return callback();
        this.refusals.push(`refused with ${this.failCode}`);
        callback(
          Object.assign(new Error('receiver failing, try again later'), { responseCode: this.failCode }),
        );
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          this.take(Buffer.concat(chunks), session).then(
            (id) => callback(null, `OK: queued as ${id}`),
            (error: Error) => {
              this.refusals.push(`unparsable message: ${error.message}`);
              callback(Object.assign(error, { responseCode: 554 }));
            },
          );
        });
      },
    });
  }

  private async take(raw: Buffer, session: SMTPServerSession): Promise<string> {
    const parsed = await simpleParser(raw);
    const subjectLine = parsed.headerLines.find((header) => header.key === 'subject');
    const toHeader = [parsed.to ?? []].flat().flatMap((to) => to.value);
    this.received.push({
      messageId: parsed.messageId ?? '',
      from: parsed.from?.value[0]?.address ?? '',
      to: session.envelope.rcptTo.map((recipient) => recipient.address),
      toHeader: toHeader.map((address) => ({ name: address.name, address: address.address ?? '' })),
      subject: parsed.subject ?? '',
      rawSubjectHeader: subjectLine?.line ?? '',
      text: parsed.text ?? '',
      html: parsed.html || '',
      user: typeof session.user === 'string' ? session.user : null,
    });
    return `M${this.received.length}`;
  }
}
