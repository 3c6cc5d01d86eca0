import { isOperatorActionFilter, OPERATOR_ACTION_FAMILIES, OPERATOR_ACTIONS } from './operator-actions';

describe('the operator audit vocabulary', () => {
  it('takes a recorded action or a family as a filter, and nothing else', () => {
    expect(isOperatorActionFilter('user.create')).toBe(true);
    expect(isOperatorActionFilter('user')).toBe(true);
    expect(isOperatorActionFilter('evaluation-export')).toBe(true);
    expect(isOperatorActionFilter('user.delete')).toBe(false);
    expect(isOperatorActionFilter('users')).toBe(false);
    expect(isOperatorActionFilter('toString')).toBe(false);
  });

  it('names every action and every family in both languages, each family with an action', () => {
    for (const names of [...Object.values(OPERATOR_ACTIONS), ...Object.values(OPERATOR_ACTION_FAMILIES)]) {
      expect(names.zh).toMatch(/\p{Script=Han}/u);
      expect(names.en).toMatch(/^[A-Z][A-Za-z /-]+$/);
    }
    const families = new Set(Object.keys(OPERATOR_ACTIONS).map((action) => action.split('.')[0]));
    expect([...families].sort()).toEqual(Object.keys(OPERATOR_ACTION_FAMILIES).sort());
  });
});
