import type { Level } from '@app/contracts';
import {
  FamilyMember,
  familyRelinks,
  inSharedFamily,
  LinkedMember,
  ruleFamily,
  rulesOfFamily,
  supersedes,
  supersedingSignal,
} from './rule-families';

function aSignal(ruleId: string, level: Level, caseId = 'C1', qualifier = ''): FamilyMember {
  return { alertKey: `${caseId}|${ruleId}|${qualifier}`, caseId, ruleId, level };
}

describe(ruleFamily.name, () => {
  it.each([
    ['TIME_WARNING', 'time-limit'],
    ['TIME_OVERDUE', 'time-limit'],
    ['TIME_OVERDUE_RED', 'time-limit'],
    ['PENALTY_OUT_OF_TIER', 'penalty-amount'],
    ['PENALTY_OUT_OF_LEGAL_RANGE', 'penalty-amount'],
    ['FEE_NOT_IN_CATALOG', 'FEE_NOT_IN_CATALOG'],
    ['STEP_OVERDUE', 'STEP_OVERDUE'],
  ])('puts %s in family %s', (ruleId, family) => {
    expect(ruleFamily(ruleId)).toBe(family);
  });
});

describe(rulesOfFamily.name, () => {
  it('lists the rules of a family, and a rule without one alone', () => {
    expect(rulesOfFamily('time-limit')).toEqual(['TIME_WARNING', 'TIME_OVERDUE', 'TIME_OVERDUE_RED']);
    expect(rulesOfFamily('STEP_OVERDUE')).toEqual(['STEP_OVERDUE']);
  });
});

describe(inSharedFamily.name, () => {
  it.each([
    ['TIME_WARNING', true],
    ['PENALTY_OUT_OF_LEGAL_RANGE', true],
    ['FEE_NOT_IN_CATALOG', false],
    ['STEP_OVERDUE', false],
  ])('%s shares its family with other rules: %s', (ruleId, expected) => {
    expect(inSharedFamily(ruleId)).toBe(expected);
  });
});

describe(supersedes.name, () => {
  const yellow = aSignal('TIME_OVERDUE', 'yellow');

  it.each([
    ['the red of the same case and family', aSignal('TIME_OVERDUE_RED', 'red'), true],
    ['a red of another case', aSignal('TIME_OVERDUE_RED', 'red', 'C2'), false],
    ['a red of another family', aSignal('FEE_OVER_STANDARD', 'red'), false],
    ['a warning of the same family', aSignal('TIME_WARNING', 'warning'), false],
    ['another yellow of the same family', aSignal('TIME_OVERDUE', 'yellow', 'C1', 'x'), false],
    ['itself', yellow, false],
  ])('a yellow TIME_OVERDUE is superseded by %s: %s', (_name, other, expected) => {
    expect(supersedes(other, yellow)).toBe(expected);
  });

  it('lets a yellow supersede the warning of its family', () => {
    expect(supersedes(yellow, aSignal('TIME_WARNING', 'warning'))).toBe(true);
  });
});

describe(supersedingSignal.name, () => {
  it('picks the highest level of the family, so a warning points straight at the red', () => {
    const warning = aSignal('TIME_WARNING', 'warning');
    const yellow = aSignal('TIME_OVERDUE', 'yellow');
    const red = aSignal('TIME_OVERDUE_RED', 'red');
    expect(supersedingSignal(warning, [yellow, red])).toBe(red);
  });

  it('breaks ties by alert key', () => {
    const lower = aSignal('PENALTY_OUT_OF_TIER', 'yellow', 'P1', 'e1');
    const reds = [
      aSignal('PENALTY_OUT_OF_LEGAL_RANGE', 'red', 'P1', 'e3'),
      aSignal('PENALTY_OUT_OF_LEGAL_RANGE', 'red', 'P1', 'e2'),
    ];
    expect(supersedingSignal(lower, reds)?.alertKey).toBe('P1|PENALTY_OUT_OF_LEGAL_RANGE|e2');
  });

  it('finds nothing when no signal is higher', () => {
    expect(
      supersedingSignal(aSignal('TIME_OVERDUE_RED', 'red'), [aSignal('TIME_OVERDUE', 'yellow')]),
    ).toBeNull();
  });
});

describe(familyRelinks.name, () => {
  const linked = (member: FamilyMember, escalatedTo: string | null = null): LinkedMember => ({
    ...member,
    escalatedTo,
  });
  const relinks = (members: LinkedMember[]) =>
    familyRelinks(members).map(({ member, top }) => [member.alertKey, top?.alertKey ?? null]);

  it('links every lower signal of a family to its top, across cases and families at once', () => {
    const warning = linked(aSignal('TIME_WARNING', 'warning'));
    const yellow = linked(aSignal('TIME_OVERDUE', 'yellow'));
    const red = linked(aSignal('TIME_OVERDUE_RED', 'red'));
    const otherCase = linked(aSignal('TIME_WARNING', 'warning', 'C2'));
    const otherFamily = linked(aSignal('FEE_OVER_STANDARD', 'red'));
    expect(relinks([warning, yellow, red, otherCase, otherFamily])).toEqual([
      [warning.alertKey, red.alertKey],
      [yellow.alertKey, red.alertKey],
    ]);
  });

  it('leaves links that are right, and unlinks a signal whose top is gone', () => {
    const red = aSignal('TIME_OVERDUE_RED', 'red');
    const yellow = linked(aSignal('TIME_OVERDUE', 'yellow'), red.alertKey);
    expect(relinks([yellow, linked(red)])).toEqual([]);
    expect(relinks([yellow])).toEqual([[yellow.alertKey, null]]);
  });

  it('moves a link to a new top', () => {
    const yellow = aSignal('TIME_OVERDUE', 'yellow');
    const warning = linked(aSignal('TIME_WARNING', 'warning'), yellow.alertKey);
    const red = linked(aSignal('TIME_OVERDUE_RED', 'red'));
    expect(relinks([warning, linked(yellow), red])).toEqual([
      [warning.alertKey, red.alertKey],
      [yellow.alertKey, red.alertKey],
    ]);
  });
});
