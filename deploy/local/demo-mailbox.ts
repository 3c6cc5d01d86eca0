// The demo's mailbox (ADR 14): where the demo's notifications go, so a new user sees email, robot
// and SMS messages arrive without a mail server or a DingTalk group. One SMTP server (the
// smtp-server package, no TLS, any sender) and one HTTP server standing in for the DingTalk and
// WeCom robots and the SMS gateway, on 127.0.0.1; every message is one line of a log file. Once the
// console answers, the demo sets the office's transports and three departments' contacts, robots
// and subscriptions to point here, through the REST API as the administrator, as a user would.
import { createWriteStream, WriteStream } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** The demo departments whose notifications are set up, with their people. */
const DEPARTMENTS = [
  { id: 'scjgj', contact: ['张联络', 'zhang.ll'], head: ['李局长', 'li.jz'] },
  { id: 'zjj', contact: ['王联络', 'wang.ll'], head: ['赵局长', 'zhao.jz'] },
  { id: 'gaj', contact: ['陈联络', 'chen.ll'], head: ['刘局长', 'liu.jz'] },
];

const CHANNEL_NAMES: Record<string, string> = { dingtalk: '钉钉', wecom: '企业微信', sms: '短信' };

export class DemoMailbox {
  private readonly log: WriteStream;
  private smtp: SMTPServer | null = null;
  private readonly web = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://mailbox');
      const channel = url.pathname.startsWith('/robot/')
        ? 'dingtalk'
        : url.pathname.startsWith('/cgi-bin/')
          ? 'wecom'
          : 'sms';
      this.record(channel, this.summary(channel, Buffer.concat(chunks).toString('utf8')));
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
  });
  /** Messages received, for the demo's status line. */
  received = 0;

  constructor(readonly logFile: string) {
    this.log = createWriteStream(logFile, { flags: 'w' });
  }

  async start(): Promise<void> {
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            const to = session.envelope.rcptTo.map((rcpt) => rcpt.address).join(', ');
            this.record('邮件', `→ ${to}  ${mail.subject ?? ''}`);
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    this.smtp = smtp;
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => this.web.listen(0, '127.0.0.1', resolve));
  }

  get smtpPort(): number {
    if (!this.smtp) throw new Error('the demo mailbox is not started');
    return (this.smtp.server.address() as AddressInfo).port;
  }

  get webUrl(): string {
    return `http://127.0.0.1:${(this.web.address() as AddressInfo).port}`;
  }

  /** Points the office's transports and the demo departments' settings here, as the administrator. */
  async configure(consoleUrl: string, adminPassword: string): Promise<void> {
    const login = await fetch(`${consoleUrl}api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: adminPassword }),
    });
    if (!login.ok) throw new Error(`demo mailbox: the administrator's login answered ${login.status}`);
    const { token } = (await login.json()) as { token: string };
    const put = async (route: string, body: unknown) => {
      const answer = await fetch(`${consoleUrl}${route.slice(1)}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      if (!answer.ok)
        throw new Error(`demo mailbox: PUT ${route} answered ${answer.status} ${await answer.text()}`);
    };
    await put('/api/admin/transports/smtp', {
      host: '127.0.0.1',
      port: this.smtpPort,
      secure: false,
      username: null,
      from: '电子监察平台 <noreply@jiancha.demo>',
    });
    await put('/api/admin/transports/sms', {
      url: `${this.webUrl}/sms/send`,
      appKey: 'jiancha-demo',
      secret: 'demo-sms-gateway-secret',
      signName: '监察中心',
      bodyTemplate: '{"to":"{{to}}","sign":"{{signName}}","content":"{{text}}","requestId":"{{requestId}}"}',
    });
    for (const [n, department] of DEPARTMENTS.entries()) {
      const mobile = (k: number) => `139${String(n).padStart(2, '0')}${String(k).padStart(6, '0')}`;
      await put(`/api/departments/${department.id}/robots/dingtalk`, {
        label: `${department.id} 督办群`,
        url: `${this.webUrl}/robot/send?access_token=demo-${department.id}`,
        signSecret: `SECdemo-${department.id}`,
        enabled: true,
      });
      await put(`/api/departments/${department.id}/robots/wecom`, {
        label: `${department.id} 政务微信群`,
        url: `${this.webUrl}/cgi-bin/webhook/send?key=demo-${department.id}`,
        enabled: true,
      });
      await put(`/api/departments/${department.id}/notification-settings`, {
        contacts: [
          {
            role: 'contact',
            name: department.contact[0],
            email: `${department.contact[1]}@${department.id}.demo`,
            mobile: mobile(1),
          },
          {
            role: 'head',
            name: department.head[0],
            email: `${department.head[1]}@${department.id}.demo`,
            mobile: mobile(2),
          },
        ],
        subscriptions: [
          { channel: 'email', levels: ['red', 'yellow'], audience: ['contact'] },
          { channel: 'sms', levels: ['red'], audience: ['head'] },
          { channel: 'dingtalk', levels: ['red', 'yellow', 'warning'] },
          { channel: 'wecom', levels: ['red'] },
        ],
      });
    }
    await put('/api/departments/office/notification-settings', {
      contacts: [{ role: 'contact', name: '监察室值班', email: 'duty@office.demo', mobile: null }],
      subscriptions: [],
    });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.smtp ? this.smtp.close(() => resolve()) : resolve()));
    this.web.closeAllConnections();
    await new Promise<void>((resolve) => this.web.close(() => resolve()));
    this.log.end();
  }

  private summary(channel: string, body: string): string {
    try {
      const parsed = JSON.parse(body) as {
        markdown?: { title?: string; content?: string };
        to?: string;
        content?: string;
      };
      if (channel === 'sms') return `→ ${parsed.to ?? '?'}  ${parsed.content ?? ''}`;
      const text = parsed.markdown?.title ?? parsed.markdown?.content?.split('\n')[0] ?? '';
      return `→ 群  ${text.replace(/\*\*/g, '')}`;
    } catch {
      return body.slice(0, 120);
    }
  }

  private record(channel: string, line: string): void {
    this.received += 1;
    const at = new Date().toISOString().replace('T', ' ').slice(0, 19);
    this.log.write(`${at}Z  ${CHANNEL_NAMES[channel] ?? channel}  ${line}\n`);
  }
}
