import {
  beijingInputToIso,
  beijingInputValue,
  dateTextParts,
  fromPickerValue,
  isDateText,
  pickerValue,
} from './date-text';

describe('date-text', () => {
  it.each([
    ['date', '2026-12-07', true],
    ['date', '2024-02-29', true],
    ['date', '2026-02-29', false],
    ['date', '2026-13-01', false],
    ['date', '12/07/2026', false],
    ['date', '2026/12/07', false],
    ['date', '2026-12-7', false],
    ['date', '', false],
    ['time', '09:30', true],
    ['time', '23:59', true],
    ['time', '24:00', false],
    ['time', '9:30', false],
    ['time', '09:30 AM', false],
    ['datetime', '2026-12-07 09:30', true],
    ['datetime', '2026-12-07T09:30', true],
    ['datetime', '2026-12-07 25:00', false],
    ['datetime', '2026-12-07', false],
  ] as const)('%s %j is valid: %s', (kind, text, valid) => {
    expect(isDateText(kind, text)).toBe(valid);
  });

  it('reads the parts of a date and time', () => {
    expect(dateTextParts('datetime', ' 2026-12-07 09:05 ')).toEqual({
      year: 2026,
      month: 12,
      day: 7,
      hour: 9,
      minute: 5,
    });
    expect(dateTextParts('time', '18:45')).toEqual({ year: 0, month: 0, day: 0, hour: 18, minute: 45 });
  });

  it('hands the calendar only what it can show, and writes back what it picked as the office does', () => {
    expect(pickerValue('date', '2026-12-07')).toBe('2026-12-07');
    expect(pickerValue('datetime', '2026-12-07 09:30')).toBe('2026-12-07T09:30');
    expect(pickerValue('date', '2026-02-30')).toBe('');
    expect(fromPickerValue('2026-12-07')).toBe('2026-12-07');
    expect(fromPickerValue('2026-12-07T09:30')).toBe('2026-12-07 09:30');
    expect(fromPickerValue('2026-12-07T09:30:15')).toBe('2026-12-07 09:30');
  });

  it('reads a date-and-time field as Beijing time, and back', () => {
    expect(beijingInputToIso('2026-11-26 09:05')).toBe('2026-11-26T01:05:00.000Z');
    expect(beijingInputToIso('2026-11-26T09:05')).toBe('2026-11-26T01:05:00.000Z');
    expect(beijingInputValue(Date.parse('2026-11-26T01:05:00.000Z'))).toBe('2026-11-26 09:05');
    expect(beijingInputToIso('2026-11-26 24:05')).toBeUndefined();
    expect(beijingInputToIso('2026-02-30T09:00')).toBeUndefined();
    expect(beijingInputToIso('')).toBeUndefined();
  });
});
