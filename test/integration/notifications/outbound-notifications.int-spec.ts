// Done-when of issue 18, against real receivers started here (an SMTP server, DingTalk and WeCom
// robot endpoints, a signed SMS gateway), real Kafka, PostgreSQL and the pipeline: a red raised by
// the pipeline reaches all four; one channel down delays nothing on the others and its messages
// arrive once when it returns; the 督办 escalation chain runs on a test clock with each step in
// the signal's audit trail; secrets are sealed at rest.
import { randomUUID } from 'node:crypto';
import { WorkingCalendar } from '@app/calendar';
import { loadCatalogDirectory } from '@app/catalog';
import { OutboundStore } from '@app/persistence';
import { Clock } from '@app/platform';
import { aSignal, ConsoleTestBed, eventually, PipelineChild, repoRoot } from '../../support/console-harness';
import {
  DingTalkReceiver,
  SmsGatewayReceiver,
  SmtpReceiver,
  WeComReceiver,
} from '../../support/channel-receivers';
import { unauthorisedFeeCase } from '../../support/system-bed';
import { EscalationSweep } from '../../../apps/console/src/notifications/outbound/escalation-sweep';

/** The system's time shifted to a chosen instant, flowing from there: the console's test clock. */
class ShiftedClock extends Clock {
  offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  moveTo(instantMs: number): void {
    this.offsetMs = instantMs - Date.now();
  }
}

/** 10:00 of the first working day (by the demo calendar) at or after an instant, Beijing time. */
function workingMorningFrom(calendar: WorkingCalendar, instantMs: number): number {
  const day = calendar.nextWorkingDayFrom(calendar.dateOf(instantMs) + 1);
  return calendar.startOf(day) + 10 * 3_600_000;
}

describe('notifications by email, DingTalk, WeCom and SMS', () => {
  const clock = new ShiftedClock();
  const bed = new ConsoleTestBed(
    {
      OUTBOUND_BACKOFF_MS: '200',
      OUTBOUND_BACKOFF_MAX_MS: '800',
      OUTBOUND_TIMEOUT_MS: '2000',
      ESCALATION_SWEEP_INTERVAL_MS: '3600000',
      PUBLIC_URL: 'https://jiancha.example.gov.cn',
    },
    clock,
  );
  const pipeline = new PipelineChild(bed);
  const smtp = new SmtpReceiver();
  const dingtalk = new DingTalkReceiver('ding-token-scjgj', 'SECding-scjgj-secret');
  const wecom = new WeComReceiver('wecom-key-scjgj');
  const sms = new SmsGatewayReceiver('jiancha-app', 'sms-gateway-secret-1');
  let calendar: WorkingCalendar;

  const put = async (path: string, body: unknown, as = 'admin') => {
    const answer = await bed.call('PUT', path, { as, body });
    expect({ path, status: answer.status, body: answer.status === 200 ? 'ok' : answer.body }).toEqual({
      path,
      status: 200,
      body: 'ok',
    });
    return answer;
  };

  beforeAll(async () => {
    calendar = new WorkingCalendar((await loadCatalogDirectory(`${repoRoot}/deploy/catalog/demo`)).calendar);
    clock.moveTo(workingMorningFrom(calendar, Date.now()));
    await Promise.all([smtp.start(), dingtalk.start(), wecom.start(), sms.start()]);
    await bed.setUp();
    await put('/api/admin/transports/smtp', {
      host: smtp.host,
      port: smtp.port,
      secure: false,
      username: null,
      from: '电子监察平台 <noreply@jiancha.example.gov.cn>',
    });
    await put('/api/admin/transports/sms', {
      url: sms.url,
      appKey: 'jiancha-app',
      secret: 'sms-gateway-secret-1',
      signName: '监察中心',
      bodyTemplate: '{"to":"{{to}}","sign":"{{signName}}","content":"{{text}}","requestId":"{{requestId}}"}',
    });
    // the department's officer keeps its own settings
    await put(
      '/api/departments/scjgj/robots/dingtalk',
      { label: '市场监管局督办群', url: dingtalk.url, signSecret: 'SECding-scjgj-secret', enabled: true },
      'officer-scjgj',
    );
    await put(
      '/api/departments/scjgj/robots/wecom',
      { label: '政务微信群', url: wecom.url, enabled: true },
      'officer-scjgj',
    );
    await put(
      '/api/departments/scjgj/notification-settings',
      {
        contacts: [
          { role: 'contact', name: '张联络', email: 'zhang@scjgj.example.gov.cn', mobile: '13800138001' },
          { role: 'head', name: '李局长', email: 'li@scjgj.example.gov.cn', mobile: '13900139002' },
          { role: 'handler', name: '王经办', mobile: '13700137003', actorId: 'officer-7' },
        ],
        subscriptions: [
          { channel: 'email', levels: ['red', 'yellow'], audience: ['contact', 'head'] },
          { channel: 'sms', levels: ['red'], audience: ['head'] },
          { channel: 'dingtalk', levels: ['red', 'yellow', 'warning'] },
          { channel: 'wecom', levels: ['red'] },
        ],
      },
      'officer-scjgj',
    );
    await put('/api/departments/office/notification-settings', {
      contacts: [{ role: 'contact', name: '监察室值班', email: 'duty@jiancha.example.gov.cn', mobile: null }],
      subscriptions: [],
    });
    await pipeline.start();
  }, 120_000);

  afterAll(async () => {
    await pipeline.stop();
    await bed.tearDown();
    await Promise.all([smtp.stop(), dingtalk.stop(), wecom.stop(), sms.stop()]);
  });

  it('refuses another department’s settings (404) and bad entries with the entry and field named (400)', async () => {
    const other = await bed.call('GET', '/api/departments/zjj/notification-settings', {
      as: 'officer-scjgj',
    });
    expect(other.status).toBe(404);
    const bad = await bed.call('PUT', '/api/departments/scjgj/notification-settings', {
      as: 'officer-scjgj',
      body: { contacts: [{ role: 'head', name: '李局长', mobile: '12345' }], subscriptions: [] },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/contacts.*0.*mobile/);
  });

  it('keeps robot URLs, the SMTP password and the SMS secret sealed at rest', async () => {
    const robots = await bed.query<{ url_sealed: string; sign_secret_sealed: string }>(
      `SELECT url_sealed, sign_secret_sealed FROM department_robots`,
    );
    expect(robots).toHaveLength(2);
    for (const robot of robots) {
      expect(robot.url_sealed).toMatch(/^v1:/);
      expect(robot.url_sealed).not.toMatch(/token|key=/);
    }
    const [gateway] = await bed.query<{ secret_sealed: string }>(
      `SELECT secret_sealed FROM outbound_transports WHERE kind = 'sms'`,
    );
    expect(gateway?.secret_sealed).toMatch(/^v1:/);
    expect(gateway?.secret_sealed).not.toContain('sms-gateway-secret-1');
    const read = await bed.call<{ robots: { urlHint: string }[] }>(
      'GET',
      '/api/departments/scjgj/notification-settings',
      {
        as: 'officer-scjgj',
      },
    );
    expect(read.body.robots.map((robot) => robot.urlHint).join()).not.toContain('ding-token-scjgj');
  });

  it('brings a red raised by the pipeline to the mailboxes, both robots and the head’s phone within 15 s', async () => {
    const started = Date.now();
    const { caseId, submitted, accepted, fee } = unauthorisedFeeCase('scjgj', 'XK-SCJG-003');
    await bed.produceEvents([submitted, accepted, fee]);
    const [mails, dings, wecoms, texts] = await Promise.all([
      smtp.waitFor(2, 15_000),
      dingtalk.waitFor(1, 15_000),
      wecom.waitFor(1, 15_000),
      sms.waitFor(1, 15_000),
    ]);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(mails.flatMap((mail) => mail.to).sort()).toEqual([
      'li@scjgj.example.gov.cn',
      'zhang@scjgj.example.gov.cn',
    ]);
    for (const mail of mails) {
      expect(mail.rawSubjectHeader).toMatch(/=\?UTF-8\?[BQ]\?/i);
      expect(mail.subject).toBe('【电子监察】市市场监督管理局：1 条监察信号（红牌 1）');
      expect(mail.text).toContain(caseId);
      expect(mail.html).toContain('https://jiancha.example.gov.cn/#wall?dept=scjgj');
    }
    expect(dings[0]?.title).toContain('红牌 1');
    expect(dings[0]?.text).toContain(caseId);
    expect(wecoms[0]?.content).toContain(caseId);
    expect(texts[0]).toMatchObject({ to: '13900139002', signName: '监察中心' });
    expect(Array.from(`【监察中心】${texts[0]?.text ?? ''}`).length).toBeLessThanOrEqual(70);
  }, 30_000);

  it('delays nothing when one channel is down, and delivers its messages once when it returns', async () => {
    const before = {
      mails: smtp.received.length,
      dings: dingtalk.received.length,
      wecoms: wecom.received.length,
      texts: sms.received.length,
    };
    await dingtalk.goAway();
    sms.failAlways(500);
    const red = aSignal({ departmentId: 'scjgj', level: 'red', raisedAt: new Date().toISOString() });
    await bed.raise([red]);
    await smtp.waitFor(before.mails + 2, 10_000);
    await wecom.waitFor(before.wecoms + 1, 10_000);
    expect(dingtalk.received).toHaveLength(before.dings);
    expect(sms.received).toHaveLength(before.texts);
    const failing = await eventually('failed attempts in the delivery log', async () => {
      const log = await bed.call<
        { channel: string; attempts: number; lastAnswer: string | null; status: string }[]
      >('GET', `/api/notification-messages?alertKey=${encodeURIComponent(red.alertKey)}`, { as: 'admin' });
      const down = log.body.filter((message) => message.channel === 'dingtalk' || message.channel === 'sms');
      return down.length === 2 && down.every((message) => message.attempts >= 2) ? down : undefined;
    });
    expect(failing.find((message) => message.channel === 'sms')?.lastAnswer).toMatch(/HTTP 500/);
    expect(failing.find((message) => message.channel === 'dingtalk')?.lastAnswer).toMatch(
      /ECONNREFUSED|refused/i,
    );
    await dingtalk.comeBack();
    sms.recover();
    await dingtalk.waitFor(before.dings + 1, 15_000);
    await sms.waitFor(before.texts + 1, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const forRed = (text: string) => text.includes(red.caseId);
    expect(dingtalk.received.filter((message) => forRed(message.text))).toHaveLength(1);
    expect(sms.received.filter((message) => forRed(message.text))).toHaveLength(1);
    expect(smtp.received.filter((message) => forRed(message.text))).toHaveLength(2);
  }, 60_000);

  it('sends a test through a channel to everyone it reaches, shows its answer, and refuses an empty one', async () => {
    const wecomBefore = wecom.received.length;
    const queued = await bed.call<{ messages: { id: number; channel: string; purpose: string }[] }>(
      'POST',
      '/api/departments/scjgj/channels/wecom/test',
      { as: 'officer-scjgj' },
    );
    expect(queued.status).toBe(202);
    expect(queued.body.messages).toHaveLength(1);
    expect(queued.body.messages[0]).toMatchObject({ channel: 'wecom', purpose: 'test' });
    const id = queued.body.messages[0]?.id;
    const detail = await eventually('the test delivered', async () => {
      const answer = await bed.call<{ status: string; attemptLog: { ok: boolean; answer: string }[] }>(
        'GET',
        `/api/notification-messages/${id}`,
        { as: 'officer-scjgj' },
      );
      return answer.body.status === 'delivered' ? answer.body : undefined;
    });
    expect(detail.attemptLog[0]).toMatchObject({ ok: true });
    expect(detail.attemptLog[0]?.answer).toContain('"errcode":0');
    expect(wecom.received.slice(wecomBefore).some((message) => message.content.includes('测试消息'))).toBe(
      true,
    );
    const mails = await bed.call<{ messages: unknown[] }>(
      'POST',
      '/api/departments/scjgj/channels/email/test',
      {
        as: 'officer-scjgj',
      },
    );
    expect(mails.body.messages).toHaveLength(2); // the contact and the head; the handler has no address
    const empty = await bed.call<{ message: string }>('POST', '/api/departments/zjj/channels/sms/test', {
      as: 'admin',
    });
    expect(empty.status).toBe(409);
    expect(empty.body.message).toMatch(/mobile/);
    expect(
      (await bed.call('POST', '/api/departments/zjj/channels/sms/test', { as: 'officer-scjgj' })).status,
    ).toBe(404);
  }, 30_000);

  it('reminds the handler of a TIME_WARNING by SMS, matched by the actor of the case, and audits it', async () => {
    // the clock is still in the working morning of beforeAll
    const warning = aSignal({
      departmentId: 'scjgj',
      level: 'warning',
      ruleId: 'TIME_WARNING',
      stage: 'during',
    });
    await bed.query(
      `INSERT INTO audit_events (event_id, case_id, item_code, department_id, type, occurred_at, event, topic, partition,
                                 kafka_offset)
       VALUES ($1, $2, 'XK-SCJG-003', 'scjgj', 'case.accepted', now(), $3, 'it', 0, 0)`,
      [
        `${warning.caseId}-accepted`,
        warning.caseId,
        JSON.stringify({ eventId: `${warning.caseId}-accepted`, actor: { id: 'officer-7', name: '王某' } }),
      ],
    );
    await bed.raise([warning]);
    const text = await eventually('the handler’s SMS', () =>
      Promise.resolve(sms.received.find((message) => message.text.includes(warning.caseId))),
    );
    expect(text.to).toBe('13700137003');
    expect(text.text).toContain('王经办');
    const trail = await bed.query<{ action: string; text: string }>(
      `SELECT action, text FROM signal_transitions WHERE alert_key = $1 AND action = 'remind-handler'`,
      [warning.alertKey],
    );
    expect(trail).toHaveLength(1);
    expect(trail[0]?.text).toContain('王经办');
  }, 30_000);

  it('holds all but the red SMS on a Saturday and sends the rest as one morning digest per person', async () => {
    // a Saturday after the clock's day: the console's digest schedule never sees time go back
    let saturday = calendar.dateOf(clock.now()) + 1;
    while (
      calendar.isWorkingDay(saturday) ||
      new Date(calendar.startOf(saturday) + 43_200_000).getUTCDay() !== 6
    )
      saturday += 1;
    clock.moveTo(calendar.startOf(saturday) + 10 * 3_600_000);
    const smsBefore = sms.received.length;
    const mailsBefore = smtp.received.length;
    const red = aSignal({ departmentId: 'scjgj', level: 'red' });
    await bed.raise([red]);
    await sms.waitFor(smsBefore + 1, 15_000);
    const yellow = aSignal({ departmentId: 'scjgj', level: 'yellow', ruleId: 'REFUSAL_WITHOUT_REASON' });
    await bed.raise([yellow]);
    // red: both mails, both robots held (its SMS went); yellow: both mails and DingTalk held
    const held = await eventually(
      'both digests held',
      async () => {
        const rows = await bed.query<{ channel: string }>(
          `SELECT channel FROM outbound_messages WHERE status = 'held' AND alert_key = ANY($1)`,
          [[red.alertKey, yellow.alertKey]],
        );
        return rows.length >= 7 ? rows : undefined;
      },
      15_000,
    );
    expect(held.map((row) => row.channel).sort()).toEqual([
      'dingtalk',
      'dingtalk',
      'email',
      'email',
      'email',
      'email',
      'wecom',
    ]);
    expect(smtp.received.length).toBe(mailsBefore);

    const monday = calendar.nextWorkingDayFrom(saturday + 1);
    clock.moveTo(calendar.startOf(monday) + 8.5 * 3_600_000 + 60_000);
    const mails = await smtp.waitFor(mailsBefore + 2, 15_000);
    const morning = mails.slice(mailsBefore);
    expect(morning.map((mail) => mail.subject)).toEqual([
      '【电子监察】非工作时间汇总：2 条通知（含红牌 1）',
      '【电子监察】非工作时间汇总：2 条通知（含红牌 1）',
    ]);
    const merged = await bed.query<{ status: string; merged_into: string | null }>(
      `SELECT status, merged_into FROM outbound_messages WHERE channel = 'email' AND alert_key = ANY($1)`,
      [[red.alertKey, yellow.alertKey]],
    );
    expect(merged).toHaveLength(4);
    expect(merged.every((row) => row.status === 'merged' && row.merged_into !== null)).toBe(true);
  }, 60_000);

  it('sends nothing twice and loses nothing across a console restart mid-delivery', async () => {
    wecom.answerAfter(200);
    const run = randomUUID().slice(0, 8);
    const now = new Date(clock.now()).toISOString();
    const subjects = Array.from({ length: 50 }, (_, n) => `重启测试 ${run} #${n}`);
    await (bed.app?.get(OutboundStore) as OutboundStore).enqueue(
      subjects.map((subject) => ({
        dedupeKey: `restart:${subject}`,
        purpose: 'test',
        departmentId: 'scjgj',
        alertKey: null,
        channel: 'wecom',
        recipientAddress: 'scjgj/wecom',
        recipientName: '政务微信群',
        recipientHint: '政务微信群',
        mentionMobiles: [],
        level: null,
        content: { subject, text: `**${subject}**`, html: '', short: subject },
        held: false,
        notBefore: now,
      })),
    );
    const ours = () => wecom.received.filter((message) => message.content.includes(`重启测试 ${run}`));
    await eventually(
      'the first messages',
      () => Promise.resolve(ours().length > 0 ? true : undefined),
      10_000,
      10,
    );
    await bed.restartConsole(); // mid-delivery: the lane's attempts in flight finish, the rest waits
    const sentBeforeRestart = ours().length;
    expect(sentBeforeRestart).toBeLessThan(subjects.length);
    await eventually(
      'every message',
      () => Promise.resolve(ours().length >= subjects.length ? true : undefined),
      30_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    wecom.answerAfter(0);
    const counts = new Map<string, number>();
    for (const message of ours()) {
      const subject = subjects.find((candidate) => message.content.includes(`**${candidate}**`)) ?? '?';
      counts.set(subject, (counts.get(subject) ?? 0) + 1);
    }
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    expect(counts.size).toBe(subjects.length);
    const rows = await bed.query<{ status: string; attempts: number }>(
      `SELECT status, attempts FROM outbound_messages WHERE dedupe_key LIKE $1`,
      [`restart:重启测试 ${run}%`],
    );
    expect(rows).toHaveLength(subjects.length);
    expect(rows.every((row) => row.status === 'delivered' && row.attempts === 1)).toBe(true);
  }, 60_000);

  it('re-sends an unanswered 督办 notice to the head, then escalates it to the office, each step audited', async () => {
    const yellow = aSignal({
      departmentId: 'scjgj',
      level: 'yellow',
      ruleId: 'TIME_OVERDUE',
      raisedAt: new Date().toISOString(),
    });
    await bed.raise([yellow]);
    const [registered] = await bed.query<{ response_due_at: Date }>(
      `SELECT response_due_at FROM signals WHERE alert_key = $1`,
      [yellow.alertKey],
    );
    const due = (registered as { response_due_at: Date }).response_due_at.getTime();
    const sweep = bed.app?.get(EscalationSweep) as EscalationSweep;
    const mailsBefore = smtp.received.length;

    const steps = async () =>
      (
        await bed.query<{ step: string }>(
          `SELECT step FROM signal_escalations WHERE alert_key = $1 ORDER BY at`,
          [yellow.alertKey],
        )
      ).map((row) => row.step);

    clock.moveTo(due - 3_600_000);
    await sweep.run();
    expect(await steps()).toEqual([]); // not due yet

    clock.moveTo(workingMorningFrom(calendar, due));
    await sweep.run();
    expect(await steps()).toEqual(['head']);
    const toHead = await smtp.waitFor(mailsBefore + 1, 10_000);
    const headMail = toHead.slice(mailsBefore).find((mail) => mail.to.includes('li@scjgj.example.gov.cn'));
    expect(headMail?.subject).toContain('【督办重发】');
    await sweep.run();
    expect(await steps()).toEqual(['head']); // once per step

    const [step] = await bed.query<{ next_due_at: Date }>(
      `SELECT next_due_at FROM signal_escalations WHERE alert_key = $1 AND step = 'head'`,
      [yellow.alertKey],
    );
    clock.moveTo(workingMorningFrom(calendar, (step as { next_due_at: Date }).next_due_at.getTime()));
    await sweep.run();
    expect(await steps()).toEqual(['head', 'office']);
    const toOffice = await eventually('the office’s mail', () =>
      Promise.resolve(
        smtp.received.find(
          (mail) => mail.to.includes('duty@jiancha.example.gov.cn') && mail.subject.includes(yellow.caseId),
        ),
      ),
    );
    expect(toOffice.subject).toContain('【升级督办】');

    const trail = await bed.query<{ action: string; text: string }>(
      `SELECT action, text FROM signal_transitions WHERE alert_key = $1 ORDER BY id`,
      [yellow.alertKey],
    );
    expect(trail.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['escalate-head', 'escalate-office']),
    );
    expect(trail.map((entry) => entry.action).indexOf('escalate-head')).toBeLessThan(
      trail.map((entry) => entry.action).indexOf('escalate-office'),
    );
    expect(trail.find((entry) => entry.action === 'escalate-head')?.text).toContain('李局长');
  }, 60_000);
});
