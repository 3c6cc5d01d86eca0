import { robotAnswer } from './robot-answer';

describe(robotAnswer.name, () => {
  it('is ok for HTTP 200 with errcode 0', () => {
    expect(robotAnswer({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' })).toEqual({
      ok: true,
      answer: 'HTTP 200 {"errcode":0,"errmsg":"ok"}',
      statusCode: 200,
    });
  });

  it.each([
    ['another errcode (sign not match)', 200, '{"errcode":310000,"errmsg":"sign not match"}'],
    ['a rate limit', 200, '{"errcode":45009,"errmsg":"api freq out of limit"}'],
    ['errcode 0 as a string', 200, '{"errcode":"0","errmsg":"ok"}'],
    ['no errcode', 200, '{"errmsg":"ok"}'],
    ['a body that is not JSON', 200, '<html>gateway</html>'],
    ['JSON null', 200, 'null'],
    ['another status with errcode 0', 500, '{"errcode":0,"errmsg":"ok"}'],
  ])('fails for %s', (_name, status, body) => {
    expect(robotAnswer({ status, body })).toEqual({
      ok: false,
      answer: `HTTP ${status} ${body}`,
      statusCode: status,
    });
  });
});
