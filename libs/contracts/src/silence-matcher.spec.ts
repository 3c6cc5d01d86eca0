import { silenceInForce, silenceMatches, silencesOver, type SilenceMatcher } from './silence-matcher';

const at = Date.parse('2026-11-26T09:00:00.000Z');

function aSilence(overrides: Partial<SilenceMatcher> = {}): SilenceMatcher {
  return {
    departmentId: 'scjgj',
    ruleId: null,
    startsAt: '2026-11-26T08:00:00.000Z',
    endsAt: '2026-11-27T08:00:00.000Z',
    expiredAt: null,
    ...overrides,
  };
}
const signal = { departmentId: 'scjgj', ruleId: 'FEE_NOT_IN_CATALOG' };

describe(silenceMatches.name, () => {
  it.each([
    ['its department, any rule', { departmentId: 'scjgj', ruleId: null }, true],
    ['its rule, any department', { departmentId: null, ruleId: 'FEE_NOT_IN_CATALOG' }, true],
    ['its department and rule', { departmentId: 'scjgj', ruleId: 'FEE_NOT_IN_CATALOG' }, true],
    ['another department', { departmentId: 'zjj', ruleId: null }, false],
    ['another rule', { departmentId: null, ruleId: 'TIME_OVERDUE' }, false],
    ['its department but another rule', { departmentId: 'scjgj', ruleId: 'TIME_OVERDUE' }, false],
  ] as const)('a silence of %s: %p', (_name, matcher, expected) => {
    expect(silenceMatches(aSilence(matcher), signal, at)).toBe(expected);
  });

  it.each([
    ['not started yet', { startsAt: '2026-11-26T09:00:00.001Z' }, false],
    ['starting this instant', { startsAt: '2026-11-26T09:00:00.000Z' }, true],
    ['ending this instant', { endsAt: '2026-11-26T09:00:00.000Z' }, false],
    ['ended before', { endsAt: '2026-11-26T08:59:59.999Z' }, false],
    ['ended early', { expiredAt: '2026-11-26T08:30:00.000Z' }, false],
  ] as const)('a silence %s: in force %p', (_name, overrides, expected) => {
    expect(silenceInForce(aSilence(overrides), at)).toBe(expected);
    expect(silenceMatches(aSilence(overrides), signal, at)).toBe(expected);
  });

  it('lists the silences over a signal in their order', () => {
    const first = aSilence({ ruleId: 'FEE_NOT_IN_CATALOG' });
    const other = aSilence({ departmentId: 'zjj' });
    const last = aSilence({ departmentId: null, ruleId: 'FEE_NOT_IN_CATALOG' });
    expect(silencesOver([first, other, last], signal, at)).toEqual([first, last]);
  });
});
