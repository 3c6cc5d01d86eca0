// The four notification transports against real receivers (test/support/channel-receivers.ts): an
// SMTP server whose mail is parsed back, DingTalk and WeCom robot endpoints and a signed SMS gateway
// that check each request as the real services do. A failing receiver (500, SMTP 451) and one that
// is gone (connection refused) are failed sends, answered quickly; a receiver that comes back takes
// the next send.
import { createHmac } from 'node:crypto';
import { sendDingTalk } from '../../../apps/console/src/notifications/transports/dingtalk-robot';
import type { RobotMessage } from '../../../apps/console/src/notifications/transports/robot-answer';
import {
  DEFAULT_SMS_TEMPLATE,
  sendSms,
  SmsGatewaySettings,
} from '../../../apps/console/src/notifications/transports/sms-gateway';
import {
  EmailMessage,
  sendEmail,
  SmtpSettings,
} from '../../../apps/console/src/notifications/transports/smtp-transport';
import type { SendAnswer } from '../../../apps/console/src/notifications/transports/transport-answer';
import { sendWeCom } from '../../../apps/console/src/notifications/transports/wecom-robot';
import {
  DingTalkReceiver,
  SmsGatewayReceiver,
  SmtpReceiver,
  WeComReceiver,
} from '../../support/channel-receivers';

const TIMEOUT_MS = 3_000;
/** "Quickly" for a refused connection: well under the send timeout. */
const REFUSED_WITHIN_MS = 1_500;

const robotMessage: RobotMessage = {
  title: '红牌预警：案件超期',
  markdown: '### 红牌预警\n- 案件：**SX-2024-0001**\n- 规则：办理超期\n- 部门：市场监管局',
  mentionMobiles: ['13800000001'],
};

/** Sends while the receiver is gone, then after it came back; the outage answer is returned. */
async function outageAndBack(
  receiver: { goAway(): Promise<void>; comeBack(): Promise<void>; received: unknown[] },
  send: () => Promise<SendAnswer>,
): Promise<{ gone: SendAnswer; tookMs: number; back: SendAnswer }> {
  await receiver.goAway();
  const started = Date.now();
  const gone = await send();
  const tookMs = Date.now() - started;
  await receiver.comeBack();
  const before = receiver.received.length;
  const back = await send();
  expect(receiver.received).toHaveLength(before + 1);
  return { gone, tookMs, back };
}

describe('SMTP transport', () => {
  const receiver = new SmtpReceiver();
  let settings: SmtpSettings;
  let serial = 0;
  const aMail = (overrides: Partial<EmailMessage> = {}): EmailMessage => {
    serial += 1;
    return {
      messageId: `digest-${serial}-dept-3`,
      to: [
        { name: '张三（市场监管局）', address: 'zhangsan@scjg.example.gov.cn' },
        { name: 'Li Si', address: 'lisi@scjg.example.gov.cn' },
      ],
      subject: '【红牌】案件办理超期提醒：SX-2024-0001',
      text: '案件 SX-2024-0001 已超过法定时限，请于今日内处理。',
      html: '<h1>红牌预警</h1><p>案件 <b>SX-2024-0001</b> 已超过法定时限。</p>',
      ...overrides,
    };
  };

  beforeAll(async () => {
    await receiver.start();
    settings = {
      host: receiver.host,
      port: receiver.port,
      secure: false,
      username: null,
      password: null,
      from: '电子监察平台 <noreply@jiancha.example.gov.cn>',
    };
  });
  afterAll(() => receiver.stop());
  afterEach(() => receiver.recover());

  it('delivers to every recipient, with an RFC 2047 encoded Chinese subject and both parts', async () => {
    const mail = aMail();
    const answer = await sendEmail(settings, mail, TIMEOUT_MS);

    expect(answer).toMatchObject({ ok: true, statusCode: 250 });
    expect(answer.answer).toMatch(/^250 OK: queued as M\d+/);
    const [taken] = (await receiver.waitFor(1)).slice(-1);
    expect(taken).toMatchObject({
      messageId: `<${mail.messageId}@jiancha.local>`,
      from: 'noreply@jiancha.example.gov.cn',
      to: ['zhangsan@scjg.example.gov.cn', 'lisi@scjg.example.gov.cn'],
      toHeader: [
        { name: '张三（市场监管局）', address: 'zhangsan@scjg.example.gov.cn' },
        { name: 'Li Si', address: 'lisi@scjg.example.gov.cn' },
      ],
      subject: mail.subject,
      user: null,
    });
    expect(taken?.rawSubjectHeader).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/i);
    expect(taken?.rawSubjectHeader).not.toContain('红牌');
    expect(taken?.text.trim()).toBe(mail.text);
    expect(taken?.html).toContain('<b>SX-2024-0001</b> 已超过法定时限');
  });

  it('sends a resend with the same Message-ID, so the receiver can tell it', async () => {
    const mail = aMail();
    await sendEmail(settings, mail, TIMEOUT_MS);
    await sendEmail(settings, mail, TIMEOUT_MS);
    const [first, second] = receiver.received.slice(-2);
    expect(first?.messageId).toBe(`<${mail.messageId}@jiancha.local>`);
    expect(second?.messageId).toBe(first?.messageId);
  });

  it('answers the server’s refusal with its reply code', async () => {
    receiver.failAlways(451);
    const before = receiver.received.length;
    const answer = await sendEmail(settings, aMail(), TIMEOUT_MS);
    expect(answer).toMatchObject({ ok: false, statusCode: 451 });
    expect(answer.answer).toMatch(/451/);
    expect(receiver.received).toHaveLength(before);
  });

  it('answers connection refused quickly while the server is gone, and delivers once it is back', async () => {
    const { gone, tookMs, back } = await outageAndBack(receiver, () =>
      sendEmail(settings, aMail(), TIMEOUT_MS),
    );
    expect(gone).toMatchObject({ ok: false, statusCode: null });
    expect(gone.answer).toMatch(/ECONNREFUSED/);
    expect(tookMs).toBeLessThan(REFUSED_WITHIN_MS);
    expect(back).toMatchObject({ ok: true, statusCode: 250 });
  });

  it('never sends a password over a server without STARTTLS (requireTLS with credentials)', async () => {
    const withAuth = await new SmtpReceiver({ mailer: 'secret' }).start();
    try {
      const answer = await sendEmail(
        { ...settings, port: withAuth.port, username: 'mailer', password: 'secret' },
        aMail(),
        TIMEOUT_MS,
      );
      expect(answer.ok).toBe(false);
      expect(answer.answer).toMatch(/STARTTLS/);
      expect(withAuth.received).toHaveLength(0);
      expect(withAuth.attempts).toBe(0);
    } finally {
      await withAuth.stop();
    }
  });
});

describe('DingTalk robot', () => {
  const receiver = new DingTalkReceiver('dt-token-7', 'SECintegration-secret-7');
  const robot = () => ({ url: receiver.url, signSecret: receiver.secret });

  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());
  afterEach(() => receiver.recover());

  it('is taken with a correct signature: markdown title, text and mentions', async () => {
    const now = Date.now();
    const answer = await sendDingTalk(robot(), robotMessage, now, TIMEOUT_MS);

    expect(answer).toEqual({ ok: true, answer: 'HTTP 200 {"errcode":0,"errmsg":"ok"}', statusCode: 200 });
    const [taken] = (await receiver.waitFor(1)).slice(-1);
    expect(taken).toEqual({
      title: robotMessage.title,
      text: `${robotMessage.markdown}\n\n@13800000001`,
      atMobiles: ['13800000001'],
      isAtAll: false,
      timestamp: now,
    });
  });

  it('is taken with a signature holding "+", which only survives URL-encoded', async () => {
    const documentedSign = (timestamp: number) =>
      createHmac('sha256', receiver.secret ?? '')
        .update(`${timestamp}\n${receiver.secret}`)
        .digest('base64');
    let now = Date.now();
    while (!documentedSign(now).includes('+')) now += 1;
    const answer = await sendDingTalk(robot(), robotMessage, now, TIMEOUT_MS);
    expect(answer.ok).toBe(true);
    expect(receiver.received.at(-1)?.timestamp).toBe(now);
  });

  it('is refused when signed with another secret', async () => {
    const before = receiver.received.length;
    const answer = await sendDingTalk(
      { ...robot(), signSecret: 'SECwrong' },
      robotMessage,
      Date.now(),
      TIMEOUT_MS,
    );
    expect(answer).toEqual({
      ok: false,
      answer: 'HTTP 200 {"errcode":310000,"errmsg":"sign not match"}',
      statusCode: 200,
    });
    expect(receiver.received).toHaveLength(before);
    expect(receiver.refusals.at(-1)).toBe('sign not match');
  });

  it('is refused with a timestamp more than an hour old', async () => {
    const answer = await sendDingTalk(robot(), robotMessage, Date.now() - 2 * 3_600_000, TIMEOUT_MS);
    expect(answer.ok).toBe(false);
    expect(answer.answer).toContain('"errcode":310000');
  });

  it('is refused without a signature by a robot that has 加签', async () => {
    const answer = await sendDingTalk({ ...robot(), signSecret: null }, robotMessage, Date.now(), TIMEOUT_MS);
    expect(answer.ok).toBe(false);
    expect(answer.answer).toContain('"errcode":310000');
  });

  it('fails with the status while DingTalk answers 500', async () => {
    receiver.failAlways(500);
    expect(await sendDingTalk(robot(), robotMessage, Date.now(), TIMEOUT_MS)).toEqual({
      ok: false,
      answer: 'HTTP 500 receiver failing',
      statusCode: 500,
    });
  });

  it('answers connection refused quickly while DingTalk is gone, and is taken once it is back', async () => {
    const { gone, tookMs, back } = await outageAndBack(receiver, () =>
      sendDingTalk(robot(), robotMessage, Date.now(), TIMEOUT_MS),
    );
    expect(gone).toMatchObject({ ok: false, statusCode: null });
    expect(gone.answer).toMatch(/ECONNREFUSED/);
    expect(tookMs).toBeLessThan(REFUSED_WITHIN_MS);
    expect(back.ok).toBe(true);
  });
});

describe('WeCom robot', () => {
  const receiver = new WeComReceiver('wecom-key-9');
  const robot = () => ({ url: receiver.url });

  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());
  afterEach(() => receiver.recover());

  it('is taken: bold title first, then the markdown, then the reminder line', async () => {
    const answer = await sendWeCom(robot(), robotMessage, TIMEOUT_MS);

    expect(answer).toEqual({ ok: true, answer: 'HTTP 200 {"errcode":0,"errmsg":"ok"}', statusCode: 200 });
    const [taken] = (await receiver.waitFor(1)).slice(-1);
    expect(taken?.content).toBe(`**${robotMessage.title}**\n${robotMessage.markdown}\n提醒：13800000001`);
  });

  it('cuts a long message to what WeCom takes (4096 bytes)', async () => {
    const long = { ...robotMessage, markdown: '超期案件明细；'.repeat(1_000) };
    const answer = await sendWeCom(robot(), long, TIMEOUT_MS);

    expect(answer.ok).toBe(true);
    const taken = receiver.received.at(-1);
    expect(Buffer.byteLength(taken?.content ?? '')).toBeLessThanOrEqual(4096);
    expect(taken?.content).toMatch(/…\n提醒：13800000001$/);
  });

  it('is refused with another key', async () => {
    const answer = await sendWeCom(
      { url: receiver.url.replace('wecom-key-9', 'wrong') },
      robotMessage,
      TIMEOUT_MS,
    );
    expect(answer).toEqual({
      ok: false,
      answer: 'HTTP 200 {"errcode":93000,"errmsg":"invalid webhook url"}',
      statusCode: 200,
    });
  });

  it('fails with the status while WeCom answers 503', async () => {
    receiver.failAlways(503);
    expect(await sendWeCom(robot(), robotMessage, TIMEOUT_MS)).toMatchObject({ ok: false, statusCode: 503 });
  });

  it('answers connection refused quickly while WeCom is gone, and is taken once it is back', async () => {
    const { gone, tookMs, back } = await outageAndBack(receiver, () =>
      sendWeCom(robot(), robotMessage, TIMEOUT_MS),
    );
    expect(gone).toMatchObject({ ok: false, statusCode: null });
    expect(gone.answer).toMatch(/ECONNREFUSED/);
    expect(tookMs).toBeLessThan(REFUSED_WITHIN_MS);
    expect(back.ok).toBe(true);
  });
});

describe('SMS gateway', () => {
  const receiver = new SmsGatewayReceiver('app-jiancha', 'gateway-secret-3');
  const settings = (): SmsGatewaySettings => ({
    url: receiver.url,
    appKey: 'app-jiancha',
    secret: 'gateway-secret-3',
    signName: '电子监察',
    bodyTemplate: DEFAULT_SMS_TEMPLATE,
  });
  let serial = 0;
  const anSms = (text = '【红牌】案件 SX-2024-0001 已超期，请及时处理。') => {
    serial += 1;
    return { to: '13800000001', text, requestId: `sms-${serial}` };
  };

  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());
  afterEach(() => receiver.recover());

  it('is taken with a valid signature, through the default template', async () => {
    const sms = anSms();
    const now = Date.now();
    const answer = await sendSms(settings(), sms, now, TIMEOUT_MS);

    expect(answer).toMatchObject({ ok: true, statusCode: 200 });
    expect(answer.answer).toBe(
      `HTTP 200 {"code":"OK","bizId":"biz-${receiver.received.length}","requestId":"${sms.requestId}"}`,
    );
    expect(receiver.received.at(-1)).toEqual({ ...sms, signName: '电子监察', timestamp: now });
  });

  it('cuts the text so that 【signature】 and text make 70 characters', async () => {
    const answer = await sendSms(
      settings(),
      anSms(`案件超期提醒：${'请尽快办理并反馈结果。'.repeat(10)}`),
      Date.now(),
      TIMEOUT_MS,
    );

    expect(answer.ok).toBe(true);
    const taken = receiver.received.at(-1);
    expect(Array.from(`【${taken?.signName}】${taken?.text}`)).toHaveLength(70);
    expect(taken?.text.endsWith('…')).toBe(true);
  });

  it('fills a custom template, escaping quotes and line breaks', async () => {
    const custom = await new SmsGatewayReceiver('app-jiancha', 'gateway-secret-3', {
      to: 'mobile',
      text: 'message',
      requestId: 'outId',
      signName: 'signature',
    }).start();
    try {
      const text = '案件 "SX-1"\n已超期';
      const answer = await sendSms(
        {
          ...settings(),
          url: custom.url,
          bodyTemplate:
            '{"mobile":"{{to}}","message":"{{text}}","outId":"{{requestId}}","signature":"{{signName}}","type":1}',
        },
        anSms(text),
        Date.now(),
        TIMEOUT_MS,
      );
      expect(answer.ok).toBe(true);
      expect(custom.received[0]).toMatchObject({ to: '13800000001', text, signName: '电子监察' });
    } finally {
      await custom.stop();
    }
  });

  it('is refused (401) when signed with another secret', async () => {
    const before = receiver.received.length;
    const answer = await sendSms({ ...settings(), secret: 'other' }, anSms(), Date.now(), TIMEOUT_MS);
    expect(answer).toMatchObject({ ok: false, statusCode: 401 });
    expect(answer.answer).toContain('SignatureDoesNotMatch');
    expect(receiver.received).toHaveLength(before);
  });

  it('fails with the status while the gateway answers 500', async () => {
    receiver.failAlways();
    expect(await sendSms(settings(), anSms(), Date.now(), TIMEOUT_MS)).toEqual({
      ok: false,
      answer: 'HTTP 500 receiver failing',
      statusCode: 500,
    });
  });

  it('answers connection refused quickly while the gateway is gone, and is taken once it is back', async () => {
    const { gone, tookMs, back } = await outageAndBack(receiver, () =>
      sendSms(settings(), anSms(), Date.now(), TIMEOUT_MS),
    );
    expect(gone).toMatchObject({ ok: false, statusCode: null });
    expect(gone.answer).toMatch(/ECONNREFUSED/);
    expect(tookMs).toBeLessThan(REFUSED_WITHIN_MS);
    expect(back.ok).toBe(true);
  });
});
