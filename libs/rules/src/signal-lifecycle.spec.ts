import type { Role } from '@app/contracts';
import {
  LIFECYCLE_STATUSES,
  LifecycleCommand,
  LifecycleRequester,
  LifecycleStatus,
  LifecycleSubject,
  decideTransition,
} from './signal-lifecycle';

const department = 'scjgj';

function aSignal(overrides: Partial<LifecycleSubject> = {}): LifecycleSubject {
  return { status: 'open', departmentId: department, escalatedTo: null, ...overrides };
}

const requesters = {
  supervisor: { role: 'supervisor', departmentId: null },
  'officer of the department': { role: 'department_officer', departmentId: department },
  'officer of another department': { role: 'department_officer', departmentId: 'zjj' },
  auditor: { role: 'auditor', departmentId: null },
  administrator: { role: 'administrator', departmentId: null },
  system: { role: 'system', departmentId: null },
} satisfies Record<string, LifecycleRequester>;
type RequesterName = keyof typeof requesters;

const commands = {
  acknowledge: { action: 'acknowledge' },
  'respond with an explanation': { action: 'respond', responseKind: 'explanation', text: '系统故障，已恢复' },
  'respond with a correction': { action: 'respond', responseKind: 'correction', text: '已退还多收费用' },
  return: { action: 'return', text: '说明不充分' },
  'close as justified': { action: 'close', verdict: 'justified' },
  'close as corrected': { action: 'close', verdict: 'corrected' },
  'close as violation confirmed': { action: 'close', verdict: 'violation_confirmed', text: '确认违规' },
  urge: { action: 'urge', text: '请于今日内签收并答复' },
  retract: { action: 'retract', text: 'late data: completed before the deadline' },
  'close with escalation': { action: 'close-with-escalation', verdict: 'corrected' },
} satisfies Record<string, LifecycleCommand>;
type CommandName = keyof typeof commands;

/** Every allowed transition, and nothing else: [from, command, requester, to]. */
const ALLOWED: [LifecycleStatus, CommandName, RequesterName, LifecycleStatus][] = [
  ['open', 'acknowledge', 'officer of the department', 'acknowledged'],
  ['acknowledged', 'respond with an explanation', 'officer of the department', 'responded'],
  ['acknowledged', 'respond with a correction', 'officer of the department', 'responded'],
  ['responded', 'return', 'supervisor', 'acknowledged'],
  ['responded', 'close as justified', 'supervisor', 'closed'],
  ['responded', 'close as corrected', 'supervisor', 'closed'],
  ['open', 'close as violation confirmed', 'supervisor', 'closed'],
  ['acknowledged', 'close as violation confirmed', 'supervisor', 'closed'],
  ['responded', 'close as violation confirmed', 'supervisor', 'closed'],
  ['open', 'urge', 'supervisor', 'open'],
  ['acknowledged', 'urge', 'supervisor', 'acknowledged'],
  ['open', 'retract', 'system', 'retracted'],
  ['acknowledged', 'retract', 'system', 'retracted'],
  ['responded', 'retract', 'system', 'retracted'],
  ['closed', 'retract', 'system', 'retracted'],
  ['open', 'close with escalation', 'system', 'closed'],
  ['acknowledged', 'close with escalation', 'system', 'closed'],
  ['responded', 'close with escalation', 'system', 'closed'],
];

/** Who may ask for a command at all, and whether it must be the signal's own department. */
const PERMITTED: Record<CommandName, { roles: (Role | 'system')[]; ownDepartment: boolean }> = {
  acknowledge: { roles: ['department_officer'], ownDepartment: true },
  'respond with an explanation': { roles: ['department_officer'], ownDepartment: true },
  'respond with a correction': { roles: ['department_officer'], ownDepartment: true },
  return: { roles: ['supervisor'], ownDepartment: false },
  'close as justified': { roles: ['supervisor'], ownDepartment: false },
  'close as corrected': { roles: ['supervisor'], ownDepartment: false },
  'close as violation confirmed': { roles: ['supervisor'], ownDepartment: false },
  urge: { roles: ['supervisor'], ownDepartment: false },
  retract: { roles: ['system'], ownDepartment: false },
  'close with escalation': { roles: ['system'], ownDepartment: false },
};
const SYSTEM_ONLY = new Set<CommandName>(['retract', 'close with escalation']);

const everyCombination = LIFECYCLE_STATUSES.flatMap((status) =>
  (Object.keys(commands) as CommandName[]).flatMap((command) =>
    (Object.keys(requesters) as RequesterName[]).map((requester) => ({ status, command, requester })),
  ),
);
const allowedTo = (status: LifecycleStatus, command: CommandName, requester: RequesterName) =>
  ALLOWED.find(([from, c, r]) => from === status && c === command && r === requester)?.[3];

describe(decideTransition.name, () => {
  describe('every allowed transition', () => {
    it.each(ALLOWED)('%s --%s by %s--> %s', (from, command, requester, to) => {
      const sut = decideTransition(aSignal({ status: from }), commands[command], requesters[requester]);
      expect(sut).toEqual({ allowed: true, from, to });
    });
  });

  describe('every refused transition', () => {
    const refused = everyCombination.filter(
      ({ status, command, requester }) => !allowedTo(status, command, requester),
    );

    it.each(refused)('$status: $command by $requester is refused', ({ status, command, requester }) => {
      const who = requesters[requester];
      const permitted = PERMITTED[command];
      const wrongRole = !permitted.roles.includes(who.role);
      const wrongDepartment = permitted.ownDepartment && who.departmentId !== department;
      const sut = decideTransition(aSignal({ status }), commands[command], who);
      expect(sut).toMatchObject({
        allowed: false,
        refusal: wrongRole || wrongDepartment ? 'forbidden' : 'conflict',
      });
    });

    it('covers all combinations: allowed plus refused', () => {
      expect(refused.length + ALLOWED.length).toBe(everyCombination.length);
      expect(everyCombination).toHaveLength(5 * 10 * 6);
    });
  });

  describe('a signal superseded by a higher one of its case and rule family', () => {
    const superseded = ALLOWED.filter(([, command]) => !SYSTEM_ONLY.has(command));

    it.each(superseded)(
      '%s: %s by %s is refused with 409 naming the red signal',
      (from, command, requester) => {
        const sut = decideTransition(
          aSignal({ status: from, escalatedTo: 'C1|TIME_OVERDUE_RED|' }),
          commands[command],
          requesters[requester],
        );
        expect(sut).toMatchObject({ allowed: false, refusal: 'conflict' });
        expect(sut.allowed || sut.reason).toContain('C1|TIME_OVERDUE_RED|');
      },
    );

    it('is still closed with its escalation and retracted by the system', () => {
      const subject = aSignal({ status: 'acknowledged', escalatedTo: 'C1|TIME_OVERDUE_RED|' });
      expect(decideTransition(subject, commands['close with escalation'], requesters.system).allowed).toBe(
        true,
      );
      expect(decideTransition(subject, commands.retract, requesters.system).allowed).toBe(true);
    });
  });

  describe('the reason given', () => {
    it('names the role that may act', () => {
      const sut = decideTransition(aSignal(), commands.acknowledge, requesters.supervisor);
      expect(sut).toEqual({
        allowed: false,
        refusal: 'forbidden',
        reason: 'only a department officer may 签收 (acknowledge); you are supervisor',
      });
    });

    /** The reason `requester` is given when asking for `command` on a signal in `status`. */
    const reasonFor = (status: LifecycleStatus, command: CommandName, requester: RequesterName) => {
      const sut = decideTransition(aSignal({ status }), commands[command], requesters[requester]);
      return sut.allowed || sut.reason;
    };

    it('names the department the signal belongs to', () => {
      expect(reasonFor('open', 'acknowledge', 'officer of another department')).toBe(
        'the signal belongs to department scjgj; only its own officers may 签收 (acknowledge)',
      );
    });

    it('names the current status and the statuses the action is allowed from', () => {
      expect(reasonFor('closed', 'acknowledge', 'officer of the department')).toBe(
        'cannot 签收 (acknowledge) a signal that is closed; allowed from open',
      );
    });

    it('says that a justified verdict needs the department’s answer first', () => {
      expect(reasonFor('acknowledged', 'close as justified', 'supervisor')).toContain(
        'with verdict justified (the department must respond first)',
      );
    });
  });

  describe.each([
    [
      'respond',
      { action: 'respond', responseKind: 'explanation', text: '  ' },
      'acknowledged',
      'officer of the department',
    ],
    ['return', { action: 'return', text: '' }, 'responded', 'supervisor'],
    ['retract', { action: 'retract', text: ' ' }, 'open', 'system'],
    ['urge', { action: 'urge', text: '\n ' }, 'open', 'supervisor'],
  ] as [string, LifecycleCommand, LifecycleStatus, RequesterName][])(
    '%s without text',
    (_name, command, status, requester) => {
      it('is refused as invalid, saying a text is needed', () => {
        const sut = decideTransition(aSignal({ status }), command, requesters[requester]);
        expect(sut).toMatchObject({ allowed: false, refusal: 'invalid' });
        expect(sut.allowed || sut.reason).toContain('needs a text saying why');
      });
    },
  );

  describe('催办 (urge)', () => {
    it('keeps the status it had: the department is pressed, nothing is decided', () => {
      expect(
        decideTransition(aSignal({ status: 'acknowledged' }), commands.urge, requesters.supervisor),
      ).toEqual({ allowed: true, from: 'acknowledged', to: 'acknowledged' });
    });

    it('is refused once the department answered, naming the statuses it is allowed from', () => {
      const sut = decideTransition(aSignal({ status: 'responded' }), commands.urge, requesters.supervisor);
      expect(sut).toEqual({
        allowed: false,
        refusal: 'conflict',
        reason: 'cannot 催办 (urge) a signal that is responded; allowed from open, acknowledged',
      });
    });

    it('is refused to a department officer, even of the signal’s department', () => {
      expect(
        decideTransition(aSignal(), commands.urge, requesters['officer of the department']),
      ).toMatchObject({ allowed: false, refusal: 'forbidden' });
    });
  });

  describe('确认违规并销号 (close with verdict violation_confirmed)', () => {
    it.each([undefined, '', '   ', '\n\t'])(
      'without a note (%p) is refused as invalid, naming the field',
      (text) => {
        const sut = decideTransition(
          aSignal({ status: 'open' }),
          { action: 'close', verdict: 'violation_confirmed', ...(text === undefined ? {} : { text }) },
          requesters.supervisor,
        );
        expect(sut).toMatchObject({ allowed: false, refusal: 'invalid' });
        expect(sut.allowed || sut.reason).toMatch(/^text: .*needs a note/);
      },
    );

    it('with a note is allowed', () => {
      const sut = decideTransition(
        aSignal({ status: 'open' }),
        { action: 'close', verdict: 'violation_confirmed', text: '超期未答复，违规事实清楚' },
        requesters.supervisor,
      );
      expect(sut).toEqual({ allowed: true, from: 'open', to: 'closed' });
    });

    it('still leaves the note optional for justified and corrected', () => {
      const sut = decideTransition(
        aSignal({ status: 'responded' }),
        { action: 'close', verdict: 'corrected' },
        requesters.supervisor,
      );
      expect(sut).toEqual({ allowed: true, from: 'responded', to: 'closed' });
    });
  });
});
