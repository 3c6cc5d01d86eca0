import net from 'node:net';
import { emailMessageId, sendEmail, SmtpSettings } from './smtp-transport';

const mail = {
  messageId: 'digest-1',
  to: [{ name: '张三', address: 'zhangsan@example.gov.cn' }],
  subject: '红牌预警',
  text: '案件超期',
  html: '<p>案件超期</p>',
};

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe(sendEmail.name, () => {
  it('answers connection refused, quickly and without throwing', async () => {
    const settings: SmtpSettings = {
      host: '127.0.0.1',
      port: await closedPort(),
      secure: false,
      username: null,
      password: null,
      from: '电子监察平台 <noreply@jiancha.local>',
    };
    const started = Date.now();
    const sut = await sendEmail(settings, mail, 5_000);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(sut.ok).toBe(false);
    expect(sut.statusCode).toBeNull();
    expect(sut.answer).toMatch(/ECONNREFUSED/);
  });
});

describe(emailMessageId.name, () => {
  it('is the stable id at jiancha.local', () => {
    expect(emailMessageId('digest-42.dept-7')).toBe('<digest-42.dept-7@jiancha.local>');
  });

  it('replaces what would break the header', () => {
    expect(emailMessageId('a b<c>@d')).toBe('<a-b-c--d@jiancha.local>');
  });
});
