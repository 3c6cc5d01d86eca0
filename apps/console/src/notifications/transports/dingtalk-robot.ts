// DingTalk group robot (自定义机器人), as DingTalk documents it: POST a markdown message to the
// webhook URL (which holds the access_token). With 加签 (a sign secret) the URL also carries
// `timestamp` (current Unix ms; DingTalk refuses one more than an hour off) and
// `sign` = urlEncode(base64(HMAC-SHA256(key = secret, message = timestamp + "\n" + secret))).
// A mentioned mobile is only highlighted when the text also holds `@<mobile>`, so those are appended.
import { createHmac } from 'node:crypto';
import { JsonRequest, sendJson } from './http-json';
import { RobotMessage, robotAnswer } from './robot-answer';
import type { SendAnswer } from './transport-answer';

export interface DingTalkRobot {
  /** `https://oapi.dingtalk.com/robot/send?access_token=…` */
  url: string;
  /** The 加签 secret (`SEC…`), null when the robot uses keywords or an IP list instead. */
  signSecret: string | null;
}

/** base64(HMAC-SHA256(secret, `${timestampMs}\n${secret}`)), before URL encoding. */
export function dingTalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/** The URL (signed when the robot has a secret) and the JSON body of one send at `nowMs`. */
export function dingTalkRequest(robot: DingTalkRobot, message: RobotMessage, nowMs: number): JsonRequest {
  let url = robot.url;
  if (robot.signSecret) {
    const timestamp = Math.trunc(nowMs);
    const sign = encodeURIComponent(dingTalkSign(robot.signSecret, timestamp));
    url += `${url.includes('?') ? '&' : '?'}timestamp=${timestamp}&sign=${sign}`;
  }
  const missing = message.mentionMobiles.filter((mobile) => !message.markdown.includes(`@${mobile}`));
  const text = missing.length
    ? `${message.markdown}\n\n${missing.map((mobile) => `@${mobile}`).join(' ')}`
    : message.markdown;
  const body = JSON.stringify({
    msgtype: 'markdown',
    markdown: { title: message.title, text },
    at: { atMobiles: message.mentionMobiles, isAtAll: false },
  });
  return { url, body };
}

/** Sends one message; never throws. */
export function sendDingTalk(
  robot: DingTalkRobot,
  message: RobotMessage,
  nowMs: number,
  timeoutMs: number,
): Promise<SendAnswer> {
  return sendJson(() => dingTalkRequest(robot, message, nowMs), timeoutMs, robotAnswer);
}
