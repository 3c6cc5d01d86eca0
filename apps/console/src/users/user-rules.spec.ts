import { departmentProblem, generatedPassword } from './user-rules';

describe(departmentProblem.name, () => {
  const known = new Set(['scjgj', 'zjj']);

  it('wants a known department for an officer and none for any other role', () => {
    expect(departmentProblem('department_officer', 'scjgj', known)).toBeUndefined();
    expect(departmentProblem('department_officer', null, known)).toMatch(/needs a departmentId/);
    expect(departmentProblem('department_officer', 'nope', known)).toMatch(/nope is not a department/);
    expect(departmentProblem('supervisor', null, known)).toBeUndefined();
    expect(departmentProblem('auditor', 'scjgj', known)).toMatch(/only a department officer/);
  });

  it('accepts any department when the catalogue is not known', () => {
    expect(departmentProblem('department_officer', 'anything', new Set())).toBeUndefined();
  });
});

describe(generatedPassword.name, () => {
  it('gives one unambiguous letter or digit per random byte, at least 12', () => {
    const password = generatedPassword(Uint8Array.from({ length: 18 }, (_, i) => i * 14));
    expect(password).toHaveLength(18);
    expect(password).toMatch(/^[a-zA-Z2-9]+$/);
    expect(password).not.toMatch(/[01lIoO]/);
    expect(() => generatedPassword(new Uint8Array(11))).toThrow(/12 random bytes/);
  });
});
