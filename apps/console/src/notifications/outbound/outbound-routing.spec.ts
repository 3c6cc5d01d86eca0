import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CalendarSpec, WorkingCalendar } from '@app/calendar';
import type { DepartmentRouting, DigestEntry } from '@app/persistence';
import { loadConfig, TypedConfig } from '@app/platform';
import { ruleFamily } from '@app/rules';
import { ReferenceData } from '../../reference/reference-data';
import { digestContent, reminderContent } from './outbound-content';
import { OutboundContext } from './outbound-context';
import { maskMobile, routeDigest } from './outbound-routing';

// The demo catalogue's calendar: 2026-09-20 is a 调休 working Sunday, 2026-09-19 a plain Saturday.
const calendar = new WorkingCalendar(
  JSON.parse(
    readFileSync(path.join(__dirname, '../../../../../deploy/catalog/demo/calendar.json'), 'utf8'),
  ) as CalendarSpec,
);
const context = new OutboundContext(
  new TypedConfig(loadConfig({ OFFICE_HOURS: '08:30-17:30', PUBLIC_URL: 'https://jiancha.example.gov.cn' })),
  new ReferenceData([{ id: 'scjgj', name: '市场监督管理局' } as never], calendar),
);
const at = (local: string) => Date.parse(`${local}+08:00`);

const routing: DepartmentRouting = {
  departmentId: 'scjgj',
  contacts: [
    {
      id: 'c1',
      role: 'contact',
      name: '张联络',
      email: 'zhang@scjgj.gov.cn',
      mobile: '13800138001',
      actorId: null,
    },
    {
      id: 'c2',
      role: 'head',
      name: '李局长',
      email: 'li@scjgj.gov.cn',
      mobile: '13900139002',
      actorId: null,
    },
    { id: 'c3', role: 'handler', name: '王经办', email: null, mobile: '13700137003', actorId: 'officer-7' },
  ],
  robots: [
    {
      kind: 'dingtalk',
      label: '市场监管局督办群',
      urlHint: '…',
      hasSignSecret: true,
      enabled: true,
      updatedAt: '',
      updatedBy: '',
    },
    {
      kind: 'wecom',
      label: '政务微信群',
      urlHint: '…',
      hasSignSecret: false,
      enabled: false,
      updatedAt: '',
      updatedBy: '',
    },
  ],
  subscriptions: [
    {
      id: 's1',
      channel: 'email',
      levels: ['red', 'yellow'],
      families: [],
      audience: ['contact', 'head'],
      enabled: true,
    },
    { id: 's2', channel: 'sms', levels: ['red', 'yellow'], families: [], audience: ['head'], enabled: true },
    {
      id: 's3',
      channel: 'dingtalk',
      levels: ['red', 'yellow', 'warning'],
      families: ['time-limit'],
      audience: [],
      enabled: true,
    },
    { id: 's4', channel: 'wecom', levels: ['red'], families: [], audience: [], enabled: true },
  ],
};

let sequence = 0;
function entry(overrides: Partial<DigestEntry>): DigestEntry {
  sequence += 1;
  return {
    sequence,
    kind: 'raised',
    alertKey: `C-${sequence}|FEE_NOT_IN_CATALOG|e`,
    caseId: `C-${sequence}`,
    itemCode: 'XK-SCJG-003',
    ruleId: 'FEE_NOT_IN_CATALOG',
    level: 'red',
    stage: 'before',
    message: '核定收费的收费项目不在目录内（擅自收费）',
    raisedAt: '2026-09-19T02:00:00.000Z',
    reason: null,
    status: 'open',
    responseDueAt: '2026-09-24T16:00:00.000Z',
    escalatedTo: null,
    ...overrides,
  };
}

function route(
  entries: DigestEntry[],
  nowMs: number,
  handlers = new Map<string, { id: string; name: string | null }>(),
) {
  const content = context.forDepartment('scjgj');
  return routeDigest({
    digestId: 7,
    departmentId: 'scjgj',
    routing,
    entries,
    handlers,
    family: ruleFamily,
    quiet: context.quiet(nowMs),
    digest: (list) => digestContent('scjgj', list, content),
    reminder: (item, name) => reminderContent('scjgj', item, name, content),
  });
}

/** The reminders routed at a working day's 09:00 for a TIME_WARNING of `caseId`, handled by `handler`. */
function remindersFor(caseId: string, handler: { id: string; name: string }) {
  const warning = entry({ level: 'warning', ruleId: 'TIME_WARNING', caseId });
  const messages = route([warning], at('2026-09-22T09:00:00'), new Map([[caseId, handler]]));
  return messages.filter((m) => m.purpose === 'reminder');
}

const summary = (messages: ReturnType<typeof route>) =>
  messages.map(
    (m) => `${m.purpose} ${m.channel} ${m.recipientName} ${m.held ? `held until ${m.notBefore}` : 'now'}`,
  );

describe('routing a digest to email, robots and SMS', () => {
  it('on a working day in office hours, sends every subscription at once, each to its audience', () => {
    const red = entry({ level: 'red' });
    const messages = route([red], at('2026-09-22T10:00:00'));
    expect(summary(messages).sort()).toEqual([
      'digest email 张联络 now',
      'digest email 李局长 now',
      'digest sms 李局长 now',
    ]);
    const mail = messages.find((m) => m.channel === 'email');
    expect(mail?.content.subject).toBe('【电子监察】市场监督管理局：1 条监察信号（红牌 1）');
    expect(mail?.content.html).toContain(
      `https://jiancha.example.gov.cn/#wall?dept=scjgj&amp;level=red&amp;case=${red.caseId}`,
    );
    expect(mail?.dedupeKey).toBe('digest:7:email:zhang@scjgj.gov.cn');
    expect(messages.find((m) => m.channel === 'sms')?.recipientHint).toBe('139****9002');
  });

  it('on a Saturday, only a red card goes out by SMS; the rest waits for the next working morning', () => {
    const messages = route(
      [entry({ level: 'red' }), entry({ level: 'yellow', ruleId: 'TIME_OVERDUE' })],
      at('2026-09-19T10:00:00'),
    );
    expect(summary(messages).sort()).toEqual([
      'digest dingtalk 市场监管局督办群 held until 2026-09-20T00:30:00.000Z',
      'digest email 张联络 held until 2026-09-20T00:30:00.000Z',
      'digest email 李局长 held until 2026-09-20T00:30:00.000Z',
      'digest sms 李局长 now',
    ]);
  });

  it('on a 调休 working Sunday, everything goes at once; at its night, only the red SMS', () => {
    const red = entry({ level: 'red' });
    expect(route([red], at('2026-09-20T10:00:00')).every((m) => !m.held)).toBe(true);
    const night = route([entry({ level: 'red' })], at('2026-09-20T22:00:00'));
    expect(summary(night).sort()).toEqual([
      'digest email 张联络 held until 2026-09-21T00:30:00.000Z',
      'digest email 李局长 held until 2026-09-21T00:30:00.000Z',
      'digest sms 李局长 now',
    ]);
  });

  it('keeps a yellow SMS for the working morning even at night (only red cards wake people)', () => {
    const messages = route([entry({ level: 'yellow' })], at('2026-09-22T23:00:00'));
    expect(messages.find((m) => m.channel === 'sms')).toMatchObject({
      held: true,
      notBefore: '2026-09-23T00:30:00.000Z',
    });
  });

  it('filters by level and rule family, skips a disabled robot and changes that are not news', () => {
    const warning = entry({ level: 'warning', ruleId: 'TIME_WARNING' });
    const retracted = entry({ level: 'red', kind: 'retracted' });
    const messages = route([warning, retracted], at('2026-09-22T10:00:00'));
    // only the DingTalk subscription takes warnings (family time-limit); the WeCom robot is disabled
    expect(summary(messages)).toEqual(['digest dingtalk 市场监管局督办群 now']);
  });

  it('sends a TIME_WARNING to its handler by SMS, matched by the actor id of the case', () => {
    const [reminder] = remindersFor('C-HANDLED', { id: 'officer-7', name: '王某' });
    expect(reminder).toMatchObject({
      channel: 'sms',
      recipientAddress: '13700137003',
      recipientName: '王经办',
      held: false,
    });
    expect(reminder?.content.short).toContain('办件C-HANDLED即将到达承诺办结时限');
  });

  it('sends the reminder to the group robots when the handler has no mobile registered', () => {
    const reminders = remindersFor('C-UNKNOWN', { id: 'someone', name: '赵某' });
    expect(reminders.map((m) => m.channel)).toEqual(['dingtalk']);
    expect(reminders[0]?.content.text).toContain('赵某');
  });

  it('sends a supervisor’s 催办 like news, labelled as such', () => {
    const urged = entry({ level: 'yellow', kind: 'urged' });
    const messages = route([urged], at('2026-09-22T10:00:00'));
    expect(summary(messages).sort()).toEqual([
      'digest email 张联络 now',
      'digest email 李局长 now',
      'digest sms 李局长 now',
    ]);
    expect(messages[0]?.content.text).toContain('【黄牌·催办】');
  });

  it('masks mobiles for the delivery log', () => {
    expect(maskMobile('13800138000')).toBe('138****8000');
  });
});
