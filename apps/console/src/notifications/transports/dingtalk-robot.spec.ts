import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dingTalkRequest, dingTalkSign, sendDingTalk } from './dingtalk-robot';
import type { RobotMessage } from './robot-answer';

const webhook = 'https://oapi.dingtalk.com/robot/send?access_token=abc123';
const message: RobotMessage = {
  title: '红牌预警',
  markdown: '### 红牌\n案件 **A-1** 超期',
  mentionMobiles: [],
};

/** DingTalk's documented recipe, written out here apart from the code under test. */
function documentedSign(secret: string, timestamp: string): string {
  const stringToSign = `${timestamp}\n${secret}`;
  return createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(Buffer.from(stringToSign, 'utf8'))
    .digest('base64');
}

describe(dingTalkSign.name, () => {
  it('is base64(HMAC-SHA256(secret, timestamp\\nsecret)) for the known vector SEC123 / 1700000000000', () => {
    const expected = createHmac('sha256', 'SEC123').update('1700000000000\nSEC123').digest('base64');
    expect(dingTalkSign('SEC123', 1_700_000_000_000)).toBe(expected);
    expect(expected).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it.each([
    ['SECabcdef0123456789', 1_790_000_000_123],
    ['SEC密钥', 1],
  ])('matches the documented recipe for %s', (secret, timestamp) => {
    expect(dingTalkSign(secret, timestamp)).toBe(documentedSign(secret, String(timestamp)));
  });

  it('changes with the timestamp and with the secret', () => {
    expect(dingTalkSign('SEC123', 1_700_000_000_001)).not.toBe(dingTalkSign('SEC123', 1_700_000_000_000));
    expect(dingTalkSign('SEC124', 1_700_000_000_000)).not.toBe(dingTalkSign('SEC123', 1_700_000_000_000));
  });
});

describe(dingTalkRequest.name, () => {
  it('appends timestamp and the URL-encoded sign to the webhook URL', () => {
    // a timestamp whose signature holds '+' or '/', which must reach DingTalk URL-encoded
    let now = 1_700_000_000_000;
    while (!/[+/]/.test(documentedSign('SEC123', String(now)))) now += 1;
    const sut = new URL(dingTalkRequest({ url: webhook, signSecret: 'SEC123' }, message, now).url);
    expect(sut.origin + sut.pathname).toBe('https://oapi.dingtalk.com/robot/send');
    expect(sut.searchParams.get('access_token')).toBe('abc123');
    expect(sut.searchParams.get('timestamp')).toBe(String(now));
    // URLSearchParams decodes a bare '+' to a space: equality proves the encoding
    expect(sut.searchParams.get('sign')).toBe(documentedSign('SEC123', String(now)));
    expect(sut.search).toContain(`&sign=${encodeURIComponent(documentedSign('SEC123', String(now)))}`);
  });

  it('leaves the URL alone for a robot without a sign secret', () => {
    expect(dingTalkRequest({ url: webhook, signSecret: null }, message, 1_700_000_000_000).url).toBe(webhook);
  });

  it('sends a markdown message with its title, text and no @all', () => {
    const sut: unknown = JSON.parse(dingTalkRequest({ url: webhook, signSecret: null }, message, 0).body);
    expect(sut).toEqual({
      msgtype: 'markdown',
      markdown: { title: '红牌预警', text: '### 红牌\n案件 **A-1** 超期' },
      at: { atMobiles: [], isAtAll: false },
    });
  });

  it('mentions the mobiles in `at` and appends the @mobile the text lacks', () => {
    const mentioning = {
      ...message,
      markdown: '请 @13800000000 处理',
      mentionMobiles: ['13800000000', '13900000000'],
    };
    const sut = JSON.parse(dingTalkRequest({ url: webhook, signSecret: null }, mentioning, 0).body) as {
      markdown: { text: string };
      at: { atMobiles: string[] };
    };
    expect(sut.at.atMobiles).toEqual(['13800000000', '13900000000']);
    expect(sut.markdown.text).toBe('请 @13800000000 处理\n\n@13900000000');
  });
});

describe(sendDingTalk.name, () => {
  let answer = '';
  let status = 200;
  const server = http.createServer((_request, response) => response.writeHead(status).end(answer));
  let url = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/robot/send?access_token=t`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is ok when DingTalk answers errcode 0', async () => {
    [status, answer] = [200, '{"errcode":0,"errmsg":"ok"}'];
    const sut = await sendDingTalk({ url, signSecret: 'SEC123' }, message, Date.now(), 2_000);
    expect(sut).toEqual({ ok: true, answer: 'HTTP 200 {"errcode":0,"errmsg":"ok"}', statusCode: 200 });
  });

  it('fails with DingTalk’s answer on another errcode, though HTTP 200', async () => {
    [status, answer] = [200, '{"errcode":310000,"errmsg":"sign not match"}'];
    const sut = await sendDingTalk({ url, signSecret: 'SEC123' }, message, Date.now(), 2_000);
    expect(sut).toEqual({ ok: false, answer: `HTTP 200 ${answer}`, statusCode: 200 });
  });

  it('fails on another HTTP status', async () => {
    [status, answer] = [502, 'Bad Gateway'];
    expect(await sendDingTalk({ url, signSecret: null }, message, Date.now(), 2_000)).toEqual({
      ok: false,
      answer: 'HTTP 502 Bad Gateway',
      statusCode: 502,
    });
  });

  it('answers instead of throwing for a URL that is not one', async () => {
    const sut = await sendDingTalk({ url: 'not a url', signSecret: null }, message, Date.now(), 2_000);
    expect(sut.ok).toBe(false);
    expect(sut.statusCode).toBeNull();
    expect(sut.answer).toMatch(/Invalid URL/);
  });
});
