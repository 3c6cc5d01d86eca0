// How a group robot (DingTalk, WeCom) says it took a message: HTTP 200 with the JSON
// `{"errcode":0,"errmsg":"ok"}`. Both answer 200 for most refusals too (bad signature, bad key,
// rate limit), so the errcode decides; another status, or a body that is not that JSON, is a failure.
import { httpAnswerText, SendAnswer } from './transport-answer';
import type { HttpTextAnswer } from './http-json';

/** A markdown message for a group robot. */
export interface RobotMessage {
  title: string;
  markdown: string;
  /** Mobile numbers of the people to mention (@) in the group. */
  mentionMobiles: string[];
}

/** The {@link SendAnswer} of a robot's HTTP answer. */
export function robotAnswer(http: HttpTextAnswer): SendAnswer {
  return {
    ok: http.status === 200 && errcodeOf(http.body) === 0,
    answer: httpAnswerText(http.status, http.body),
    statusCode: http.status,
  };
}

function errcodeOf(body: string): number | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const errcode = (parsed as { errcode?: unknown }).errcode;
    return typeof errcode === 'number' ? errcode : undefined;
  } catch {
    return undefined;
  }
}
