import {
  answerOf,
  clipAnswer,
  errorText,
  failedAnswer,
  httpAnswerText,
  MAX_ANSWER_CHARS,
} from './transport-answer';

describe(clipAnswer.name, () => {
  it('keeps an answer of 500 characters', () => {
    const text = '答'.repeat(MAX_ANSWER_CHARS);
    expect(clipAnswer(text)).toBe(text);
  });

  it('cuts a longer one to 500 whole code points ending with …', () => {
    const sut = Array.from(clipAnswer('😀'.repeat(MAX_ANSWER_CHARS + 1)));
    expect(sut).toHaveLength(MAX_ANSWER_CHARS);
    expect(sut.at(-1)).toBe('…');
    expect(sut.slice(0, -1).every((char) => char === '😀')).toBe(true);
  });
});

describe(httpAnswerText.name, () => {
  it('is HTTP, the status and the body', () => {
    expect(httpAnswerText(200, '{"errcode":0,"errmsg":"ok"}')).toBe('HTTP 200 {"errcode":0,"errmsg":"ok"}');
  });
});

describe(errorText.name, () => {
  it('puts the code in front of a message that lacks it', () => {
    const error = Object.assign(new Error('Greeting never received'), { code: 'ETIMEDOUT' });
    expect(errorText(error)).toBe('ETIMEDOUT: Greeting never received');
  });

  it('reads the inner errors of an AggregateError without a message (IPv4 and IPv6 attempts)', () => {
    const v6 = Object.assign(new Error('connect ECONNREFUSED ::1:25'), { code: 'ECONNREFUSED' });
    const v4 = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ECONNREFUSED' });
    const error = Object.assign(new AggregateError([v6, v4], ''), { code: 'ECONNREFUSED' });
    expect(errorText(error)).toBe('connect ECONNREFUSED ::1:25; connect ECONNREFUSED 127.0.0.1:25');
  });

  it('reads an error made in another realm (no instanceof Error), as Node core errors are under Jest', () => {
    const foreign = { name: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:25', code: 'ESOCKET' };
    expect(errorText(foreign)).toBe('ESOCKET: connect ECONNREFUSED 127.0.0.1:25');
  });

  it('turns a thrown non-error into text', () => {
    expect(failedAnswer('boom', 451)).toEqual({ ok: false, answer: 'boom', statusCode: 451 });
  });
});

describe(answerOf.name, () => {
  it('is what the send answered', async () => {
    const answer = { ok: true, answer: 'HTTP 200 ok', statusCode: 200 };
    expect(await answerOf(() => Promise.resolve(answer))).toBe(answer);
  });

  it('turns a send that throws, at once or later, into a failed answer', async () => {
    const failed = { ok: false, answer: 'ECONNREFUSED: refused', statusCode: null };
    const refused = Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
    expect(await answerOf(() => Promise.reject(refused))).toEqual(failed);
    expect(
      await answerOf(() => {
        throw refused;
      }),
    ).toEqual(failed);
  });
});
