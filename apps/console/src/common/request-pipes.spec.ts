import { BadRequestException } from '@nestjs/common';
import { ParseIdPipe, TextSafetyPipe } from './request-pipes';

describe(TextSafetyPipe.name, () => {
  const sut = new TextSafetyPipe();

  it.each([
    [
      'a path parameter with NUL',
      'A\u0000B',
      { type: 'param' as const, data: 'caseId' },
      'caseId: must not contain U+0000',
    ],
    [
      'a query value with a lone surrogate',
      { caseId: 'x\ud800' },
      { type: 'query' as const },
      'query.caseId: must be valid Unicode',
    ],
    [
      'a nested body string with NUL',
      { a: [{ text: '\u0000' }] },
      { type: 'body' as const },
      'body.a.text: must not contain U+0000',
    ],
    [
      'a body field name with NUL',
      { ['k\u0000']: 1 },
      { type: 'body' as const },
      'body: a field name must not contain U+0000',
    ],
  ])('refuses %s with 400 naming where', (_, value, metadata, message) => {
    expect(() => sut.transform(value, metadata)).toThrow(new BadRequestException(message).message);
    expect(() => sut.transform(value, metadata)).toThrow(BadRequestException);
  });

  it('passes anything else through unchanged, surrogate pairs and other control characters included', () => {
    const value = { text: '办件 😀 \u0001\t', list: ['a', 1, null], nested: { deep: [{ x: '𠀀' }] } };

    expect(sut.transform(value, { type: 'body' })).toBe(value);
  });
});

describe(ParseIdPipe.name, () => {
  const sut = new ParseIdPipe();

  it.each(['1', '42', '9007199254740991'])('reads %s', (text) => {
    expect(sut.transform(text, { type: 'param', data: 'id' })).toBe(Number(text));
  });

  it.each(['0', '-1', '1.5', '1e3', '9007199254740992', '9'.repeat(40), '', ' 1', '0x10', 'abc'])(
    'refuses %p with 400',
    (text) => {
      expect(() => sut.transform(text, { type: 'param', data: 'id' })).toThrow(
        'id: must be a positive integer id',
      );
    },
  );
});
