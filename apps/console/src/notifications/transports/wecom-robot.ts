// WeCom (企业微信, also 政务微信) group robot: POST `{"msgtype":"markdown","markdown":{"content":…}}`
// to the webhook URL (`…/cgi-bin/webhook/send?key=KEY`). WeCom markdown has no title field, so
// the title is the bold first line; the content may hold at most 4096 bytes of UTF-8, so a longer
// one is cut on a character boundary with '…'. Markdown mentions only take `<@userid>` (mobiles
// work only for text messages), so the mobiles to remind are listed on a last line
// `提醒：13800000000、13900000000`, which is kept when the body is cut.
import { JsonRequest, sendJson } from './http-json';
import { RobotMessage, robotAnswer } from './robot-answer';
import type { SendAnswer } from './transport-answer';

export interface WeComRobot {
  /** `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…` */
  url: string;
}

export const WECOM_MARKDOWN_MAX_BYTES = 4096;
const ELLIPSIS = '…';

/** The markdown content: bold title, body, reminder line; at most {@link WECOM_MARKDOWN_MAX_BYTES}. */
export function weComContent(message: RobotMessage): string {
  const head = `**${message.title}**\n`;
  const tail = message.mentionMobiles.length ? `\n提醒：${message.mentionMobiles.join('、')}` : '';
  const room = WECOM_MARKDOWN_MAX_BYTES - Buffer.byteLength(head) - Buffer.byteLength(tail);
  if (room >= Buffer.byteLength(ELLIPSIS)) return `${head}${cutToBytes(message.markdown, room)}${tail}`;
  // a title and reminder that alone fill the message: cut the whole
  return cutToBytes(`${head}${message.markdown}${tail}`, WECOM_MARKDOWN_MAX_BYTES);
}

/** `text` when it fits in `maxBytes` of UTF-8, else its longest prefix of whole characters + '…' that does. */
export function cutToBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  if (maxBytes < Buffer.byteLength(ELLIPSIS)) return '';
  const room = maxBytes - Buffer.byteLength(ELLIPSIS);
  let used = 0;
  let kept = '';
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (used + size > room) break;
    used += size;
    kept += char;
  }
  return `${kept}${ELLIPSIS}`;
}

export function weComRequest(robot: WeComRobot, message: RobotMessage): JsonRequest {
  return {
    url: robot.url,
    body: JSON.stringify({ msgtype: 'markdown', markdown: { content: weComContent(message) } }),
  };
}

/** Sends one message; never throws. */
export function sendWeCom(robot: WeComRobot, message: RobotMessage, timeoutMs: number): Promise<SendAnswer> {
  return sendJson(() => weComRequest(robot, message), timeoutMs, robotAnswer);
}
