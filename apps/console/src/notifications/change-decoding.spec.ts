import { decodeChange } from './change-decoding';

function aChange(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'raised',
    sequence: 42,
    signal: {
      alertKey: 'C1|FEE_NOT_IN_CATALOG|e1',
      departmentId: 'scjgj',
      ruleId: 'FEE_NOT_IN_CATALOG',
      level: 'red',
    },
    ...overrides,
  };
}
const bytes = (value: unknown) => Buffer.from(JSON.stringify(value));

describe(decodeChange.name, () => {
  it('makes an item of a raised signal, keyed by its outbox sequence', () => {
    expect(decodeChange(bytes(aChange()))).toEqual({
      item: {
        sequence: 42,
        departmentId: 'scjgj',
        alertKey: 'C1|FEE_NOT_IN_CATALOG|e1',
        ruleId: 'FEE_NOT_IN_CATALOG',
        level: 'red',
        kind: 'raised',
        change: aChange(),
      },
    });
  });

  it.each(['raised', 'escalated', 'retracted', 'overdue', 'returned', 'closed', 'reinstated', 'urged'])(
    'notifies a %s change',
    (kind) => {
      expect(decodeChange(bytes(aChange({ kind })))).toHaveProperty('item');
    },
  );

  it.each([
    ['the department’s own acknowledgement', bytes(aChange({ kind: 'acknowledged' }))],
    ['the department’s own answer', bytes(aChange({ kind: 'responded' }))],
    ['an empty message', null],
    ['bytes that are not JSON', Buffer.from('{')],
    ['a change without sequence', bytes(aChange({ sequence: undefined }))],
    ['a change with a fractional sequence', bytes(aChange({ sequence: 1.5 }))],
    ['a change without signal', bytes(aChange({ signal: null }))],
    ['a signal without department', bytes(aChange({ signal: { alertKey: 'k', ruleId: 'R', level: 'red' } }))],
    ['a signal of an unknown level', bytes(aChange({ signal: { ...aChange().signal, level: 'orange' } }))],
  ])('skips %s', (_name, value) => {
    expect(decodeChange(value)).toHaveProperty('skip');
  });
});
