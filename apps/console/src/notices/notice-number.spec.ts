import { noticeNumberText } from './notice-number';

describe('noticeNumberText', () => {
  it('writes the year in 〔〕 and spaces the serial number', () => {
    expect(noticeNumberText(2026, 12)).toBe('〔2026〕第 12 号');
    expect(noticeNumberText(2026, 12)).toBe('\u30142026\u3015第 12 号');
    expect(noticeNumberText(1999, 1)).toBe('〔1999〕第 1 号');
  });

  it.each([
    [26, 1],
    [20260, 1],
    [2026.5, 1],
    [2026, 0],
    [2026, -3],
    [2026, 1.5],
    [2026, Number.NaN],
  ])('refuses year %p, number %p', (year, n) => {
    expect(() => noticeNumberText(year, n)).toThrow(RangeError);
  });
});
