import { filterQuery, ownDepartment, toggledDepartment } from './wall-filters';

describe('the wall filters', () => {
  it('puts the set filters and the extra parameters into the query, leaving unset ones out', () => {
    expect(filterQuery({})).toBe('');
    expect(filterQuery({ departmentId: 'scjgj', level: undefined, ruleId: '' }, { limit: '200' })).toBe(
      'departmentId=scjgj&limit=200',
    );
    expect(filterQuery({ level: 'red', stage: 'during' })).toBe('level=red&stage=during');
  });

  it('starts an officer on their own department and everyone else on nothing', () => {
    expect(ownDepartment({ role: 'department_officer', departmentId: 'scjgj' })).toEqual({
      departmentId: 'scjgj',
    });
    expect(ownDepartment({ role: 'department_officer', departmentId: null })).toEqual({});
    expect(ownDepartment({ role: 'supervisor', departmentId: null })).toEqual({});
  });

  it('filters by a clicked department, and stops on a second click, keeping the other filters', () => {
    const byDepartment = toggledDepartment({ level: 'red' }, 'zjj');
    expect(byDepartment).toEqual({ level: 'red', departmentId: 'zjj' });
    expect(toggledDepartment(byDepartment, 'scjgj')).toEqual({ level: 'red', departmentId: 'scjgj' });
    expect(filterQuery(toggledDepartment(byDepartment, 'zjj'))).toBe('level=red');
  });
});
