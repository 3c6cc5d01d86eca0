import { createHmac } from 'node:crypto';
import {
  DEFAULT_SMS_TEMPLATE,
  sendSms,
  signSms,
  SMS_MAX_CHARS,
  smsBody,
  smsRequest,
  smsText,
  SmsGatewaySettings,
} from './sms-gateway';

const settings: SmsGatewaySettings = {
  url: 'http://127.0.0.1:9/sms/send',
  appKey: 'app-1',
  secret: 'sms-secret',
  signName: '电子监察',
  bodyTemplate: DEFAULT_SMS_TEMPLATE,
};
const now = 1_790_000_000_000;

describe(smsBody.name, () => {
  it('substitutes JSON-escaped values: quotes, backslashes, newlines, Chinese', () => {
    const text = '案件 "A-1"\n已超期 \\ 请处理\t😀';
    const sut = smsBody(DEFAULT_SMS_TEMPLATE, {
      to: '13800000000',
      text,
      requestId: 'r-1',
      signName: '电子"监察"',
    });
    expect(JSON.parse(sut)).toEqual({
      to: '13800000000',
      sign: '电子"监察"',
      content: text,
      requestId: 'r-1',
    });
    expect(sut).toContain('\\"A-1\\"\\n已超期');
  });

  it('substitutes in one pass: a value holding a placeholder stays as it is', () => {
    const sut = smsBody('{"a":"{{text}}","b":"{{to}}"}', {
      to: 'x',
      text: '{{to}}',
      requestId: '',
      signName: '',
    });
    expect(JSON.parse(sut)).toEqual({ a: '{{to}}', b: 'x' });
  });

  it('fills every occurrence and nested templates', () => {
    const template =
      '{"msg":{"phones":["{{to}}"],"text":"【{{signName}}】{{text}}"},"id":"{{requestId}}","n":"{{requestId}}"}';
    const sut = smsBody(template, { to: '1', text: '超期', requestId: 'r', signName: '监察' });
    expect(JSON.parse(sut)).toEqual({ msg: { phones: ['1'], text: '【监察】超期' }, id: 'r', n: 'r' });
  });

  it('refuses a template that does not make JSON, saying so', () => {
    expect(() => smsBody('{"to":{{to}}}', { to: 'a', text: '', requestId: '', signName: '' })).toThrow(
      /SMS body template does not make JSON/,
    );
  });
});

describe(smsText.name, () => {
  // 【电子监察】 is 6 characters: 64 left for the text
  const room = SMS_MAX_CHARS - 6;

  it('keeps a text that makes exactly 70 characters with the signature', () => {
    const text = '超'.repeat(room);
    expect(smsText(text, '电子监察')).toBe(text);
  });

  it('cuts one character more to 70 in all, ending with …', () => {
    const sut = smsText('超'.repeat(room + 1), '电子监察');
    expect(Array.from(`【电子监察】${sut}`)).toHaveLength(SMS_MAX_CHARS);
    expect(sut).toBe(`${'超'.repeat(room - 1)}…`);
  });

  it('counts a character outside the BMP as one', () => {
    const text = '😀'.repeat(room);
    expect(smsText(text, '电子监察')).toBe(text);
    expect(Array.from(smsText('😀'.repeat(room + 5), '电子监察'))).toHaveLength(room);
  });
});

describe(signSms.name, () => {
  it('is the lowercase hex HMAC-SHA256 of appKey, timestamp, nonce and body on lines', () => {
    const expected = createHmac('sha256', 'sms-secret')
      .update('app-1\n1790000000000\nr-1\n{"a":"短信"}')
      .digest('hex');
    expect(
      signSms('sms-secret', { appKey: 'app-1', timestampMs: now, nonce: 'r-1', body: '{"a":"短信"}' }),
    ).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe(smsRequest.name, () => {
  const sms = {
    to: '13800000000',
    text: `案件 A-1 已超期。${'请尽快处理。'.repeat(20)}`,
    requestId: 'req-42',
  };

  it('signs the body with the documented headers', () => {
    const sut = smsRequest(settings, sms, now);
    expect(sut.url).toBe(settings.url);
    expect(sut.headers).toEqual({
      'X-Sms-AppKey': 'app-1',
      'X-Sms-Timestamp': String(now),
      'X-Sms-Nonce': 'req-42',
      'X-Sms-Signature': createHmac('sha256', 'sms-secret')
        .update(`app-1\n${now}\nreq-42\n${sut.body}`)
        .digest('hex'),
    });
  });

  it('sends the text cut to the SMS length', () => {
    const body = JSON.parse(smsRequest(settings, sms, now).body) as { content: string; sign: string };
    expect(body.sign).toBe('电子监察');
    expect(Array.from(`【${body.sign}】${body.content}`)).toHaveLength(SMS_MAX_CHARS);
    expect(body.content.startsWith('案件 A-1 已超期。')).toBe(true);
  });
});

describe(sendSms.name, () => {
  it('answers a bad template with the reason, sending nothing', async () => {
    const sut = await sendSms(
      { ...settings, bodyTemplate: '{"to":"{{to}}",}' },
      { to: '1', text: 'x', requestId: 'r' },
      now,
      1_000,
    );
    expect(sut.ok).toBe(false);
    expect(sut.statusCode).toBeNull();
    expect(sut.answer).toMatch(/^the SMS body template does not make JSON/);
  });
});
