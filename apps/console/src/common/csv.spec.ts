import { csvField, csvLine } from './csv';

describe('csv', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [42, '42'],
    [-3.5, '-3.5'],
    [null, ''],
    [undefined, ''],
    [{ limit: 'legal' }, '"{""limit"":""legal""}"'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['+1 day', "'+1 day"],
    ['@SUM', "'@SUM"],
    ['-12', '-12'],
  ])('writes %j as %s', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('ends each line with CRLF', () => {
    expect(csvLine(['a', 1, 'b c'])).toBe('a,1,b c\r\n');
  });
});
