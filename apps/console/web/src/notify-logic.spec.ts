import {
  contactInputs,
  type ContactDraft,
  logQuery,
  mayIssueNotice,
  mayReadNotices,
  noticeFilename,
  noticeKindFor,
  normalizedMobile,
  parseFamilies,
  pollState,
  problemPlaces,
  robotInput,
  settingsInput,
  smsInput,
  smtpInput,
  subscriptionInputs,
  templateIsJson,
  toggleFamily,
  truncated,
} from './notify-logic';
import { notifyTexts } from './notify-texts';

const texts = notifyTexts().validation;

const contact = (overrides: Partial<ContactDraft> = {}): ContactDraft => ({
  role: 'contact',
  name: '张敏',
  email: 'zhangmin@scjgj.gov.cn',
  mobile: '',
  actorId: '',
  ...overrides,
});

describe('通知设置: contacts and subscriptions', () => {
  it('reads the contact rows as the API takes them, empty fields as null', () => {
    const checked = contactInputs(
      [
        contact(),
        contact({ role: 'head', name: ' 李强 ', email: '', mobile: '+86 138-0013-8000' }),
        contact({ role: 'handler', name: '王芳', email: '', mobile: '13900139000', actorId: ' u-1024 ' }),
      ],
      texts,
    );
    expect(checked).toEqual({
      ok: true,
      value: [
        { role: 'contact', name: '张敏', email: 'zhangmin@scjgj.gov.cn', mobile: null, actorId: null },
        { role: 'head', name: '李强', email: null, mobile: '13800138000', actorId: null },
        { role: 'handler', name: '王芳', email: null, mobile: '13900139000', actorId: 'u-1024' },
      ],
    });
  });

  it('keeps a handler account only for handlers', () => {
    const checked = contactInputs([contact({ actorId: 'left-over' })], texts);
    expect(checked.ok && checked.value[0]?.actorId).toBeNull();
  });

  it('says every problem with its row, numbered from 1', () => {
    const checked = contactInputs(
      [
        contact(),
        contact({ name: '', email: 'not-an-address', mobile: '12345' }),
        contact({ role: 'handler', email: '', mobile: '' }),
      ],
      texts,
    );
    expect(checked).toEqual({
      ok: false,
      problems: [
        '联系人第 2 行：请填写姓名',
        '联系人第 2 行：邮箱格式不正确',
        '联系人第 2 行：手机号应为 11 位数字',
        '联系人第 3 行：请填写邮箱或手机号',
        '联系人第 3 行：经办人须填写经办人账号',
      ],
    });
  });

  it('normalizes mobile numbers', () => {
    expect(normalizedMobile('138 0013 8000')).toBe('13800138000');
    expect(normalizedMobile('8613800138000')).toBe('13800138000');
    expect(normalizedMobile('010-12345678')).toBeNull();
  });

  it('reads the families as a comma list, once each', () => {
    expect(parseFamilies(' time-limit，fee、time-limit, ,TIME_OVERDUE ')).toEqual([
      'time-limit',
      'fee',
      'TIME_OVERDUE',
    ]);
    expect(parseFamilies('')).toEqual([]);
    expect(toggleFamily('time-limit, fee', 'fee')).toBe('time-limit');
    expect(toggleFamily('time-limit', 'fee')).toBe('time-limit, fee');
  });

  it('reads subscriptions: levels in order, robots without an audience', () => {
    const checked = subscriptionInputs(
      [
        { channel: 'sms', levels: ['yellow', 'red'], families: '', audience: ['head'], enabled: true },
        {
          channel: 'dingtalk',
          levels: ['warning'],
          families: 'time-limit',
          audience: ['contact'],
          enabled: false,
        },
      ],
      texts,
    );
    expect(checked).toEqual({
      ok: true,
      value: [
        { channel: 'sms', levels: ['red', 'yellow'], families: [], audience: ['head'], enabled: true },
        { channel: 'dingtalk', levels: ['warning'], families: ['time-limit'], audience: [], enabled: false },
      ],
    });
  });

  it('refuses a subscription without a level, or email without a recipient', () => {
    const checked = subscriptionInputs(
      [{ channel: 'email', levels: [], families: '费用/收费', audience: [], enabled: true }],
      texts,
    );
    expect(checked).toEqual({
      ok: false,
      problems: [
        '订阅第 1 行：至少选择一个等级',
        '订阅第 1 行：规则族“费用/收费”不是有效的编号',
        '订阅第 1 行：邮件和短信至少选择一类接收人',
      ],
    });
  });

  it('puts both tables into one body, or all their problems together', () => {
    const good = settingsInput([contact()], [], texts);
    expect(good).toEqual({
      ok: true,
      value: {
        contacts: [
          { role: 'contact', name: '张敏', email: 'zhangmin@scjgj.gov.cn', mobile: null, actorId: null },
        ],
        subscriptions: [],
      },
    });
    const bad = settingsInput(
      [contact({ name: '' })],
      [{ channel: 'email', levels: [], families: '', audience: ['contact'], enabled: true }],
      texts,
    );
    expect(bad.ok ? [] : bad.problems).toEqual([
      '联系人第 1 行：请填写姓名',
      '订阅第 1 行：至少选择一个等级',
    ]);
  });

  it('points the server’s refusal back at its rows', () => {
    expect(
      problemPlaces('contacts[1].mobile: must be a mainland mobile number; subscriptions[0]: no levels'),
    ).toEqual([
      { list: 'contacts', index: 1, field: 'mobile' },
      { list: 'subscriptions', index: 0, field: null },
    ]);
    expect(problemPlaces('HTTP 500')).toEqual([]);
  });
});

describe('群机器人 and the transports', () => {
  it('leaves out the URL and the secret to keep them, and needs a URL the first time', () => {
    const draft = { label: ' 值班群 ', url: '', signSecret: '', enabled: true };
    expect(robotInput('dingtalk', draft, true, texts)).toEqual({
      ok: true,
      value: { label: '值班群', enabled: true },
    });
    expect(robotInput('dingtalk', draft, false, texts)).toEqual({
      ok: false,
      problems: ['请填写机器人地址'],
    });
    expect(
      robotInput(
        'wecom',
        { ...draft, url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc', signSecret: 'SEC1' },
        false,
        texts,
      ),
    ).toEqual({
      ok: true,
      value: {
        label: '值班群',
        url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc',
        enabled: true,
      },
    });
    expect(
      robotInput('dingtalk', { ...draft, url: 'oapi.dingtalk.com', signSecret: 'SEC1' }, true, texts),
    ).toEqual({ ok: false, problems: ['地址须为以 http:// 或 https:// 开头的网址'] });
  });

  it('reads the SMTP form, keeping the password when none is typed', () => {
    const draft = {
      host: 'smtp.example.gov.cn',
      port: '465',
      secure: true,
      username: '',
      password: '',
      from: '电子监察 <jiancha@example.gov.cn>',
    };
    expect(smtpInput(draft, texts)).toEqual({
      ok: true,
      value: {
        host: 'smtp.example.gov.cn',
        port: 465,
        secure: true,
        username: null,
        from: '电子监察 <jiancha@example.gov.cn>',
      },
    });
    expect(smtpInput({ ...draft, password: 's3cret' }, texts)).toMatchObject({
      ok: true,
      value: { password: 's3cret' },
    });
    expect(smtpInput({ ...draft, host: '', port: '70000', from: 'nobody' }, texts)).toEqual({
      ok: false,
      problems: ['请填写邮件服务器', '端口应为 1–65535 的整数', '发件人须包含邮箱地址'],
    });
  });

  it('reads the SMS form: the template is JSON with {{to}} and {{text}}', () => {
    const draft = {
      url: 'https://sms.example.gov.cn/send',
      appKey: 'k1',
      secret: '',
      signName: '电子监察',
      bodyTemplate: '{"mobile":"{{to}}","content":"{{text}}","id":"{{requestId}}","sign":"{{signName}}"}',
    };
    expect(smsInput(draft, texts)).toEqual({
      ok: true,
      value: {
        url: 'https://sms.example.gov.cn/send',
        appKey: 'k1',
        signName: '电子监察',
        bodyTemplate: draft.bodyTemplate,
      },
    });
    expect(templateIsJson('{"to":[{{to}}]}')).toBe(true);
    expect(smsInput({ ...draft, bodyTemplate: '{"content":"{{text}}"' }, texts)).toEqual({
      ok: false,
      problems: ['正文模板不是有效的 JSON（占位符可写在字符串内）', '正文模板须包含 {{to}}'],
    });
  });
});

describe('测试 and the delivery log', () => {
  const sent = Date.parse('2026-11-02T01:00:00Z');

  it('polls until every message is delivered or dead, or for 20 s', () => {
    expect(pollState(['pending', 'delivered'], sent, sent + 3_000)).toBe('waiting');
    expect(pollState(['dead', 'delivered'], sent, sent + 3_000)).toBe('done');
    expect(pollState([], sent, sent)).toBe('done');
    expect(pollState(['pending'], sent, sent + 20_000)).toBe('timeout');
    expect(pollState(['held'], sent, sent + 19_999)).toBe('waiting');
  });

  it('cuts long answers, whitespace flattened', () => {
    expect(truncated('550 5.7.1\n  relaying denied', 12)).toBe('550 5.7.1 r…');
    expect(truncated('ok', 12)).toBe('ok');
    expect(truncated(null, 12)).toBe('');
  });

  it('asks for the filters that are set', () => {
    expect(logQuery({ channel: 'sms', status: '', purpose: 'test', limit: 200 })).toBe(
      'channel=sms&purpose=test&limit=200',
    );
    expect(logQuery({ departmentId: 'office', limit: 50 })).toBe('departmentId=office&limit=50');
  });
});

describe('文书: printed notices', () => {
  const signal = {
    departmentId: 'scjgj',
    level: 'yellow' as const,
    status: 'open' as const,
    escalatedTo: null,
  };
  const supervisor = { role: 'supervisor' as const, departmentId: null };

  it('is a supervision notice for a yellow card and a recommendation for a red one', () => {
    expect(noticeKindFor('yellow')).toBe('supervision');
    expect(noticeKindFor('red')).toBe('recommendation');
    expect(noticeKindFor('warning')).toBeNull();
  });

  it('is read by supervisors, auditors and the signal’s own department', () => {
    expect(mayReadNotices(supervisor, signal)).toBe(true);
    expect(mayReadNotices({ role: 'auditor', departmentId: null }, signal)).toBe(true);
    expect(mayReadNotices({ role: 'department_officer', departmentId: 'scjgj' }, signal)).toBe(true);
    expect(mayReadNotices({ role: 'department_officer', departmentId: 'zjj' }, signal)).toBe(false);
    expect(mayReadNotices(supervisor, { ...signal, level: 'warning' })).toBe(false);
  });

  it('is issued by a supervisor on a yellow or red signal neither retracted nor superseded', () => {
    expect(mayIssueNotice(supervisor, signal)).toBe(true);
    expect(mayIssueNotice(supervisor, { ...signal, status: 'closed' })).toBe(true);
    expect(mayIssueNotice(supervisor, { ...signal, status: 'retracted' })).toBe(false);
    expect(mayIssueNotice(supervisor, { ...signal, escalatedTo: 'C-1|TIME_RED|' })).toBe(false);
    expect(mayIssueNotice({ role: 'auditor', departmentId: null }, signal)).toBe(false);
  });

  it('is saved under its title and number', () => {
    expect(noticeFilename('督办通知书', '〔2026〕第 12 号')).toBe('督办通知书〔2026〕第12号.pdf');
  });
});
