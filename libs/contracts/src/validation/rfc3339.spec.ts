import { isInstantWithOffset, parseInstant } from './rfc3339';
import * as reference from './testing/reference-rfc3339';

describe(parseInstant.name, () => {
  it.each([
    ['2026-09-18T14:00:00+08:00', Date.UTC(2026, 8, 18, 6)],
    ['2026-09-18t06:00:00z', Date.UTC(2026, 8, 18, 6)],
    ['2026-09-18T06:00:00Z', Date.UTC(2026, 8, 18, 6)],
    ['2026-09-18T06:00:00-00:00', Date.UTC(2026, 8, 18, 6)],
    ['2026-09-18T00:30:00+23:59', Date.UTC(2026, 8, 17, 0, 31)],
    ['2026-09-18T23:30:00-23:59', Date.UTC(2026, 8, 19, 23, 29)],
    ['2026-09-18T14:00:00.5+08:00', Date.UTC(2026, 8, 18, 6, 0, 0, 500)],
    ['2026-09-18T14:00:00.05Z', Date.UTC(2026, 8, 18, 14, 0, 0, 50)],
    ['2026-09-18T14:00:00.123999Z', Date.UTC(2026, 8, 18, 14, 0, 0, 123)],
    ['2026-09-18T14:00:00.000000000001Z', Date.UTC(2026, 8, 18, 14)],
    ['2026-09-18T23:59:59.999-05:30', Date.UTC(2026, 8, 19, 5, 29, 59, 999)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['2000-02-29T12:00:00Z', Date.UTC(2000, 1, 29, 12)],
    ['1970-01-01T00:00:00Z', 0],
    ['1969-12-31T23:59:59.999Z', -1],
    ['2000-01-01T00:00:00+14:00', Date.UTC(1999, 11, 31, 10)],
    ['0000-01-01T00:00:00Z', Date.UTC(2000, 0, 1) - 730_485 * 86_400_000],
    ['0000-03-01T00:00:00Z', Date.UTC(2000, 2, 1) - 730_485 * 86_400_000],
    ['9999-12-31T23:59:59.999Z', Date.UTC(9999, 11, 31, 23, 59, 59, 999)],
  ])('reads %s', (text, expected) => {
    expect(parseInstant(text)).toBe(expected);
    expect(isInstantWithOffset(text)).toBe(true);
  });

  it.each([
    ['no offset', '2026-09-18T14:00:00'],
    ['no seconds', '2026-09-18T14:00+08:00'],
    ['a space for T', '2026-09-18 14:00:00Z'],
    ['another letter for T', '2026-09-18U14:00:00Z'],
    ['29 February of a common year', '2025-02-29T00:00:00Z'],
    ['29 February of 1900', '1900-02-29T00:00:00Z'],
    ['30 February', '2024-02-30T00:00:00Z'],
    ['31 April', '2026-04-31T00:00:00Z'],
    ['day 0', '2026-09-00T00:00:00Z'],
    ['month 0', '2026-00-18T00:00:00Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['hour 24', '2026-09-18T24:00:00Z'],
    ['minute 60', '2026-09-18T14:60:00Z'],
    ['a leap second', '2016-12-31T23:59:60Z'],
    ['an offset of 24 hours', '2026-09-18T14:00:00+24:00'],
    ['an offset minute of 60', '2026-09-18T14:00:00+08:60'],
    ['an offset without a colon', '2026-09-18T14:00:00+0800'],
    ['an offset without minutes', '2026-09-18T14:00:00+08'],
    ['a one-digit offset hour', '2026-09-18T14:00:00+8:00'],
    ['a minus sign for the hyphen', '2026-09-18T14:00:00\u221208:00'],
    ['a dot without a fraction', '2026-09-18T14:00:00.Z'],
    ['a comma for the dot', '2026-09-18T14:00:00,5Z'],
    ['a letter in the fraction', '2026-09-18T14:00:00.5aZ'],
    ['a five-digit year', '20260-09-18T14:00:00Z'],
    ['a three-digit year', '226-09-18T14:00:00Z'],
    ['a one-digit month', '2026-9-18T14:00:00Z'],
    ['full-width digits', '\uff12\uff10\uff12\uff16-09-18T14:00:00Z'],
    ['Arabic-Indic digits', '2026-\u0660\u0669-18T14:00:00Z'],
    ['a leading space', ' 2026-09-18T14:00:00Z'],
    ['a trailing newline', '2026-09-18T14:00:00Z\n'],
    ['two offsets', '2026-09-18T14:00:00Z+08:00'],
    ['a doubled Z', '2026-09-18T14:00:00ZZ'],
    ['UTC spelled out', '2026-09-18T14:00:00UTC'],
    ['a date alone', '2026-09-18'],
    ['nothing', ''],
  ])('rejects %s', (_, text) => {
    expect(parseInstant(text)).toBeNaN();
    expect(isInstantWithOffset(text)).toBe(false);
  });

  it('agrees with the regular expression it replaced on every case above and their neighbours', () => {
    const base = '2024-02-29T23:59:59.999+23:59';
    const variants = [base, base.toLowerCase(), base.replace('+', '-'), base.replace('.999', '')];
    for (let index = 0; index < base.length; index += 1)
      for (const character of ['0', '9', '-', ':', '.', 'T', 'Z', '+', '']) {
        variants.push(base.slice(0, index) + character + base.slice(index + 1));
      }

    for (const text of variants)
      expect([text, parseInstant(text)]).toEqual([text, reference.parseInstant(text)]);
  });
});
