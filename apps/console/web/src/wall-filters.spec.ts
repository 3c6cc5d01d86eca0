import {
  caseInHash,
  filterInHash,
  filterQuery,
  hashOfFilter,
  ownDepartment,
  toggledDepartment,
} from './wall-filters';

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

  describe('in the address', () => {
    const supervisor = { role: 'supervisor', departmentId: null } as const;
    const officer = { role: 'department_officer', departmentId: 'scjgj' } as const;

    it('reads the filter a wall address names', () => {
      expect(
        filterInHash('#wall?level=red&dept=zjj&stage=during&rule=FEE_NOT_IN_CATALOG', supervisor),
      ).toEqual({
        level: 'red',
        departmentId: 'zjj',
        stage: 'during',
        ruleId: 'FEE_NOT_IN_CATALOG',
      });
      expect(filterInHash('#wall', supervisor)).toEqual({});
      expect(filterInHash('', supervisor)).toEqual({});
    });

    it('leaves out a level or stage it does not know', () => {
      expect(filterInHash('#wall?level=orange&stage=never&dept=', supervisor)).toEqual({});
    });

    it('keeps an officer on their own department whatever the address says', () => {
      expect(filterInHash('#wall?dept=zjj&level=yellow', officer)).toEqual({
        departmentId: 'scjgj',
        level: 'yellow',
      });
    });

    it('writes the set fields, and reads back what it wrote', () => {
      const filter = { departmentId: 'scjgj', level: 'red', ruleId: 'TIME_OVERDUE' } as const;
      expect(hashOfFilter(filter)).toBe('#wall?dept=scjgj&level=red&rule=TIME_OVERDUE');
      expect(hashOfFilter({})).toBe('#wall');
      expect(filterInHash(hashOfFilter(filter), supervisor)).toEqual(filter);
    });
  });

  it('reads the case a notification links to, and nothing from an address without one', () => {
    expect(caseInHash('#wall?dept=scjgj&level=red&case=XK-2026-0001')).toBe('XK-2026-0001');
    expect(caseInHash('#wall?case=%E5%8A%9E%E4%BB%B6-7')).toBe('办件-7');
    expect(caseInHash('#wall?dept=scjgj')).toBeNull();
    expect(caseInHash('#wall?case=%20')).toBeNull();
    expect(caseInHash('#wall')).toBeNull();
  });
});
