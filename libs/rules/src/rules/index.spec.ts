import { RULE_IDS, type Rule, type RuleId } from '../rule-definition';
import { engineOrder, EVENT_RULES_BY_TYPE, RULES, RULES_BY_ID, TIMER_RULES } from '.';

describe('RULES', () => {
  it('registers every rule file once, under its id', () => {
    expect(RULES.map((rule) => rule.id).sort()).toEqual([...RULE_IDS].sort());
    expect(RULES_BY_ID.size).toBe(RULE_IDS.length);
  });

  it.each(RULES.map((rule) => [rule.id, rule] as const))(
    '%s is named and described in Chinese and English',
    (_, rule) => {
      for (const text of [rule.title, rule.description]) {
        expect(text.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(text.en).toMatch(/^[A-Z]/);
      }
      expect(rule.title.zh.length).toBeLessThanOrEqual(12);
    },
  );

  it('puts the time-limit and fine-amount rules in their families', () => {
    const familyOf = (id: RuleId) => RULES_BY_ID.get(id)?.family?.id;
    expect(['TIME_WARNING', 'TIME_OVERDUE', 'TIME_OVERDUE_RED'].map((id) => familyOf(id as RuleId))).toEqual([
      'time-limit',
      'time-limit',
      'time-limit',
    ]);
    expect(familyOf('PENALTY_OUT_OF_TIER')).toBe('penalty-amount');
    expect(familyOf('PENALTY_OUT_OF_LEGAL_RANGE')).toBe('penalty-amount');
    expect(familyOf('FEE_OVER_STANDARD')).toBeUndefined();
  });

  it('gives a legal basis for every rule but the data-quality ones', () => {
    const withoutBasis = RULES.filter((rule) => rule.legalBasis.length === 0).map((rule) => rule.id);

    expect(withoutBasis).toEqual(['DATA_OUT_OF_SEQUENCE', 'DATA_REPORTED_LATE']);
    for (const rule of RULES) for (const basis of rule.legalBasis) expect(basis).toMatch(/^《.+》/);
  });

  it.each([
    ['ACCEPTANCE_OVERDUE', 'before', 'yellow'],
    ['SUPPLEMENT_LATE', 'before', 'yellow'],
    ['REFUSAL_WITH_COMPLETE_MATERIALS', 'before', 'warning'],
    ['FEE_NOT_IN_CATALOG', 'before', 'red'],
    ['FEE_UNDER_STANDARD', 'before', 'warning'],
    ['PENALTY_OUT_OF_LEGAL_RANGE', 'before', 'red'],
    ['EXTENSION_IRREGULAR', 'during', 'yellow'],
    ['TIME_WARNING', 'during', 'warning'],
    ['TIME_OVERDUE_RED', 'during', 'red'],
    ['SUSPENSION_NOT_ALLOWED', 'during', 'warning'],
    ['DELIVERY_OVERDUE', 'after', 'yellow'],
    ['HEARING_NOT_NOTIFIED', 'after', 'red'],
    ['PENALTY_PEER_DEVIATION', 'after', 'yellow'],
    ['PAYEE_NOT_TREASURY', 'after', 'red'],
    ['DATA_REPORTED_LATE', 'data', 'warning'],
  ] as const)('%s is stage %s, level %s as in the table', (id, stage, level) => {
    expect(RULES_BY_ID.get(id)).toMatchObject({ stage, level });
  });

  it('tries exclusive checks in order: a rule only excludes rules after it', () => {
    const position = new Map(RULES.map((rule, index) => [rule.id, index]));
    for (const rule of RULES) {
      if (rule.trigger !== 'event') continue;
      for (const excluded of rule.excludes)
        expect(position.get(excluded)).toBeGreaterThan(position.get(rule.id) ?? Infinity);
    }
  });

  it('indexes event rules by type and keeps the timer rules apart', () => {
    expect(EVENT_RULES_BY_TYPE.get('fee.assessed')?.map((rule) => rule.id)).toEqual([
      'FEE_NOT_IN_CATALOG',
      'FEE_ABOLISHED',
      'FEE_OVER_STANDARD',
      'FEE_UNDER_STANDARD',
      'ITEM_NOT_IN_CATALOG',
      'DATA_OUT_OF_SEQUENCE',
      'DATA_REPORTED_LATE',
    ]);
    expect(TIMER_RULES.map((rule) => rule.id)).toEqual([
      'ACCEPTANCE_OVERDUE',
      'STEP_OVERDUE',
      'SUSPENSION_OVERLONG',
      'TIME_OVERDUE',
      'TIME_OVERDUE_RED',
      'TIME_WARNING',
      'DELIVERY_OVERDUE',
    ]);
  });

  it('orders by stage and id, but puts a rule before the rules it excludes', () => {
    const rule = (id: string, stage: string, excludes: string[] = []) =>
      ({ id, stage, trigger: 'event', excludes }) as unknown as Rule;
    const ids = (rules: Rule[]) => rules.map((r) => r.id);

    expect(ids(engineOrder([rule('B', 'after'), rule('C', 'before'), rule('A', 'before')]))).toEqual([
      'A',
      'C',
      'B',
    ]);
    expect(ids(engineOrder([rule('A', 'before'), rule('Z', 'data', ['A'])]))).toEqual(['Z', 'A']);
    expect(() => engineOrder([rule('A', 'before', ['B']), rule('B', 'before', ['A'])])).toThrow(
      'rules exclude each other in a cycle: A, B',
    );
  });
});
