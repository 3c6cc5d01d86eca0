import { decideAttach } from './attachment-policy';

const officer = { role: 'department_officer' as const, departmentId: 'scjgj' };
const signal = (status: string, escalatedTo: string | null = null) => ({
  departmentId: 'scjgj',
  status,
  escalatedTo,
});

describe('who may attach a file to a signal, and when', () => {
  it('lets an officer of the department attach while the signal is open or acknowledged', () => {
    expect(decideAttach('k', signal('open'), officer)).toEqual({ allowed: true });
    expect(decideAttach('k', signal('acknowledged'), officer)).toEqual({ allowed: true });
  });

  it.each(['responded', 'closed', 'retracted'])('refuses once the signal is %s (409)', (status) => {
    expect(decideAttach('k', signal(status), officer)).toEqual({
      allowed: false,
      refusal: 'conflict',
      reason: `files can be attached while a signal is open or acknowledged; this one is ${status}`,
    });
  });

  it('refuses a superseded signal, naming the one to use', () => {
    expect(decideAttach('k', signal('open', 'higher'), officer)).toEqual({
      allowed: false,
      refusal: 'conflict',
      reason: 'the signal was superseded by higher (升级); attach files to that signal',
    });
  });

  it('answers another department’s signal as a missing one', () => {
    expect(decideAttach('k', signal('open'), { ...officer, departmentId: 'zjj' })).toEqual({
      allowed: false,
      refusal: 'not-found',
      reason: 'no signal k',
    });
    expect(decideAttach('k', null, officer)).toMatchObject({ refusal: 'not-found' });
  });

  it.each(['supervisor', 'auditor', 'administrator'] as const)('refuses a %s (403)', (role) => {
    expect(decideAttach('k', signal('open'), { role, departmentId: null })).toMatchObject({
      refusal: 'forbidden',
    });
  });
});
