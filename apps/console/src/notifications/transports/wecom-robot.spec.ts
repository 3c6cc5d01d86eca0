import { cutToBytes, WECOM_MARKDOWN_MAX_BYTES, weComContent, weComRequest } from './wecom-robot';
import type { RobotMessage } from './robot-answer';

const robot = { url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY-1' };
const message: RobotMessage = { title: '黄牌预警', markdown: '案件 **A-2** 即将超期', mentionMobiles: [] };
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe(weComRequest.name, () => {
  it('posts to the webhook URL a markdown message whose first line is the bold title', () => {
    const sut = weComRequest(robot, message);
    expect(sut.url).toBe(robot.url);
    expect(JSON.parse(sut.body)).toEqual({
      msgtype: 'markdown',
      markdown: { content: '**黄牌预警**\n案件 **A-2** 即将超期' },
    });
  });

  it('lists the mobiles to remind on a last line', () => {
    const sut = weComContent({ ...message, mentionMobiles: ['13800000000', '13900000000'] });
    expect(sut.split('\n').at(-1)).toBe('提醒：13800000000、13900000000');
  });
});

describe('WeCom markdown length', () => {
  it('keeps content of exactly 4096 bytes as it is', () => {
    const head = '**黄牌预警**\n';
    const markdown = 'a'.repeat(WECOM_MARKDOWN_MAX_BYTES - bytes(head));
    const sut = weComContent({ ...message, markdown });
    expect(bytes(sut)).toBe(WECOM_MARKDOWN_MAX_BYTES);
    expect(sut).toBe(`${head}${markdown}`);
  });

  it('cuts content of 4097 bytes on a character boundary, ending the body with …', () => {
    const head = '**黄牌预警**\n';
    // the body is one byte too long: 3-byte characters, cut before the one that does not fit
    const markdown = `${'a'.repeat(WECOM_MARKDOWN_MAX_BYTES - bytes(head) - 2)}超`;
    const sut = weComContent({ ...message, markdown });
    expect(bytes(sut)).toBeLessThanOrEqual(WECOM_MARKDOWN_MAX_BYTES);
    expect(sut.endsWith('…')).toBe(true);
    expect(sut).not.toContain('\uFFFD');
    expect(sut.startsWith(head)).toBe(true);
  });

  it('keeps the title and the reminder line when cutting a long Chinese body', () => {
    const sut = weComContent({
      title: '红牌',
      markdown: '超期'.repeat(3_000),
      mentionMobiles: ['13800000000'],
    });
    expect(bytes(sut)).toBeLessThanOrEqual(WECOM_MARKDOWN_MAX_BYTES);
    expect(bytes(sut)).toBeGreaterThan(WECOM_MARKDOWN_MAX_BYTES - 3);
    expect(sut.startsWith('**红牌**\n超期')).toBe(true);
    expect(sut.endsWith('…\n提醒：13800000000')).toBe(true);
  });
});

describe(cutToBytes.name, () => {
  it('never splits a surrogate pair', () => {
    const sut = cutToBytes('😀'.repeat(10), 13);
    expect(sut).toBe('😀😀…');
    expect(bytes(sut)).toBe(11);
  });

  it('leaves text that fits', () => {
    expect(cutToBytes('超期', 6)).toBe('超期');
  });

  it('is empty when not even … fits', () => {
    expect(cutToBytes('超期', 2)).toBe('');
  });
});
