import { EVENT_TYPES } from '../events';
import { aValidEvent, INVALID_EVENTS } from './event.fixtures';
import { MAX_EVENT_BYTES, MAX_EVENT_DEPTH, parseEvent, validateEvent } from './parse-event';
import { parseInstant } from './rfc3339';

describe(parseEvent.name, () => {
  it.each(EVENT_TYPES)('accepts a valid %s event', (type) => {
    const raw = JSON.stringify(aValidEvent(type));

    expect(parseEvent(raw)).toEqual({ ok: true, event: JSON.parse(raw) as unknown });
  });

  it.each(INVALID_EVENTS)('rejects %s', (_, raw, reason) => {
    const sut = parseEvent(raw);

    expect(sut.ok).toBe(false);
    expect(sut.ok ? '' : sut.reason).toMatch(new RegExp(`^${reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('keeps unknown fields, in the envelope and the payload', () => {
    const raw = aValidEvent('case.accepted', { traceId: 't-1', payload: { window: 'A3' } });

    const sut = parseEvent(Buffer.from(JSON.stringify(raw)));

    expect(sut).toEqual({ ok: true, event: raw });
  });

  it('accepts exactly 64 KiB and reads bytes, not characters', () => {
    const padding = (size: number) => {
      const base = JSON.stringify(aValidEvent('fee.paid', { note: '' }));
      return JSON.stringify(aValidEvent('fee.paid', { note: 'x'.repeat(size - Buffer.byteLength(base)) }));
    };

    expect(Buffer.byteLength(padding(MAX_EVENT_BYTES))).toBe(MAX_EVENT_BYTES);
    expect(parseEvent(padding(MAX_EVENT_BYTES)).ok).toBe(true);
    expect(parseEvent(Buffer.from(padding(MAX_EVENT_BYTES))).ok).toBe(true);
    expect(parseEvent(padding(MAX_EVENT_BYTES + 1)).ok).toBe(false);
  });

  it('accepts Z, lower-case separators, fractions and negative offsets', () => {
    for (const occurredAt of [
      '2026-09-18T06:00:00Z',
      '2026-09-18t06:00:00z',
      '2026-09-18T06:00:00.123456-05:30',
    ]) {
      expect(validateEvent(aValidEvent('fee.paid', { occurredAt })).ok).toBe(true);
    }
  });
});

describe('text no store can keep', () => {
  const nestedText = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
  const withField = (name: string, json: string) =>
    JSON.stringify(aValidEvent('case.accepted', { [name]: '__X__' })).replace('"__X__"', json);

  it.each([
    [
      'U+0000 in an envelope field',
      JSON.stringify(aValidEvent('case.accepted', { caseId: 'A\u0000B' })),
      /^caseId: must not contain U\+0000/,
    ],
    ['U+0000 in an extra field', withField('note', '"x\\u0000y"'), /^note: must not contain U\+0000/],
    ['U+0000 in a field name', withField('a\u0000b', '1'), /^event: a field name must not contain U\+0000/],
    ['an unpaired high surrogate', withField('note', '"a\\ud800b"'), /^note: must be valid Unicode/],
    ['an unpaired low surrogate', withField('note', '"\\udc00"'), /^note: must be valid Unicode/],
    ['a reversed pair', withField('note', '"\\udc00\\ud800"'), /^note: must be valid Unicode/],
    [
      'nesting beyond the limit',
      withField('trace', nestedText(MAX_EVENT_DEPTH)),
      /^trace(\[0\])+: nested deeper than 32/,
    ],
    ['thousands of levels', withField('trace', nestedText(30_000)), /nested deeper than 32/],
  ])('rejects %s, which PostgreSQL would refuse for ever', (_, raw, reason) => {
    const sut = parseEvent(raw);

    expect(sut.ok).toBe(false);
    expect(sut.ok ? '' : sut.reason).toMatch(reason);
  });

  it('accepts surrogate pairs, any other control character and nesting up to the limit', () => {
    const raw = withField('trace', nestedText(MAX_EVENT_DEPTH - 1));
    const emoji = JSON.stringify(aValidEvent('case.accepted', { note: '𠀀 😀 \\ud83d\\ude00 \u0001\t' }));

    expect(parseEvent(raw).ok).toBe(true);
    expect(parseEvent(emoji).ok).toBe(true);
  });
});

describe(validateEvent.name, () => {
  it.each([
    [undefined, 'event: must be a JSON object, not a undefined'],
    [42, 'event: must be a JSON object, not a number'],
  ])('rejects %p', (value, reason) => {
    expect(validateEvent(value)).toEqual({ ok: false, reason });
  });
});

describe(parseInstant.name, () => {
  it.each([
    ['2026-09-18T14:00:00+08:00', Date.UTC(2026, 8, 18, 6)],
    ['2026-09-18T14:00:00.5+08:00', Date.UTC(2026, 8, 18, 6, 0, 0, 500)],
    ['2026-09-18T14:00:00.123999Z', Date.UTC(2026, 8, 18, 14, 0, 0, 123)],
    ['2024-02-29T00:00:00-00:00', Date.UTC(2024, 1, 29)],
    ['2000-01-01T00:00:00+14:00', Date.UTC(1999, 11, 31, 10)],
  ])('reads %s', (text, expected) => {
    expect(parseInstant(text)).toBe(expected);
  });

  it.each([
    '2026-09-18T14:00:00',
    '2026-09-18 14:00:00Z',
    '2025-02-29T00:00:00Z',
    '2026-09-18T14:00:60Z',
    '2026-09-18T14:00:00+24:00',
    '2026-13-01T00:00:00Z',
  ])('rejects %s', (text) => {
    expect(parseInstant(text)).toBeNaN();
  });
});
