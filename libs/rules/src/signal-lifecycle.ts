import type { Role } from '@app/contracts';

/**
 * The supervision lifecycle of a signal (督办流程), as a pure decision: given the signal's state,
 * who asks and what, either the next status or a refusal that says why.
 *
 *   open ──签收 acknowledge──▶ acknowledged ──说明/整改 respond──▶ responded ──销号 close──▶ closed
 *                                   ▲                                 │
 *                                   └──────────退回 return────────────┘
 *   any status but retracted ──retract (system: late data proved it wrong)──▶ retracted
 *
 * A supervisor may close with `violation_confirmed` without waiting for an answer (the department
 * missed its deadline or the violation is plain); `justified` and `corrected` need the
 * department's answer first, and `violation_confirmed` a note saying what was violated. A supervisor
 * may urge (催办) a signal the department has not answered yet (open or acknowledged): it is recorded
 * and the department told, the status stays. A signal superseded by a higher one of its case and
 * rule family (escalated) takes no action of its own: it is closed together with the signal that
 * superseded it.
 */
export const LIFECYCLE_STATUSES = ['open', 'acknowledged', 'responded', 'closed', 'retracted'] as const;
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

/** Statuses in which the signal still asks for action. */
export const ACTIVE_STATUSES: readonly LifecycleStatus[] = ['open', 'acknowledged', 'responded'];

export const RESPONSE_KINDS = ['explanation', 'correction'] as const;
/** 情况说明 (explanation) or 整改 (correction). */
export type ResponseKind = (typeof RESPONSE_KINDS)[number];

export const VERDICTS = ['justified', 'corrected', 'violation_confirmed'] as const;
/** 销号结论: 理由成立 / 已整改 / 确认违规. */
export type Verdict = (typeof VERDICTS)[number];

export type LifecycleCommand =
  | { action: 'acknowledge'; text?: string }
  | { action: 'respond'; responseKind: ResponseKind; text: string }
  | { action: 'return'; text: string }
  | { action: 'close'; verdict: Verdict; text?: string }
  /** 催办: the department is pressed for an answer; the status does not change. */
  | { action: 'urge'; text: string }
  | { action: 'retract'; text: string }
  /** The system closes a superseded signal together with the one that superseded it. */
  | { action: 'close-with-escalation'; verdict: Verdict; text?: string };

export type LifecycleAction = LifecycleCommand['action'];
export const LIFECYCLE_ACTIONS: readonly LifecycleAction[] = [
  'acknowledge',
  'respond',
  'return',
  'close',
  'urge',
  'retract',
  'close-with-escalation',
];

export interface LifecycleSubject {
  status: LifecycleStatus;
  departmentId: string;
  /** The signal that superseded this one, if any. */
  escalatedTo: string | null;
}

export interface LifecycleRequester {
  role: Role | 'system';
  /** A department officer's own department. */
  departmentId: string | null;
}

export type LifecycleDecision =
  | { allowed: true; from: LifecycleStatus; to: LifecycleStatus }
  /** `forbidden` → 403, `conflict` → 409, `invalid` → 400. */
  | { allowed: false; refusal: 'forbidden' | 'conflict' | 'invalid'; reason: string };

interface TransitionRule {
  from: readonly LifecycleStatus[];
  /** The status after the step; `same` keeps the status it had (催办). */
  to: LifecycleStatus | 'same';
  roles: readonly (Role | 'system')[];
  /** Only an officer of the signal's own department. */
  ownDepartment: boolean;
  /** Allowed although the signal was superseded. */
  whenSuperseded: boolean;
  name: string;
}

const RULES: Record<LifecycleAction, TransitionRule> = {
  acknowledge: {
    from: ['open'],
    to: 'acknowledged',
    roles: ['department_officer'],
    ownDepartment: true,
    whenSuperseded: false,
    name: '签收 (acknowledge)',
  },
  respond: {
    from: ['acknowledged'],
    to: 'responded',
    roles: ['department_officer'],
    ownDepartment: true,
    whenSuperseded: false,
    name: '情况说明/整改 (respond)',
  },
  return: {
    from: ['responded'],
    to: 'acknowledged',
    roles: ['supervisor'],
    ownDepartment: false,
    whenSuperseded: false,
    name: '退回 (return)',
  },
  close: {
    from: ['responded'],
    to: 'closed',
    roles: ['supervisor'],
    ownDepartment: false,
    whenSuperseded: false,
    name: '销号 (close)',
  },
  urge: {
    from: ['open', 'acknowledged'],
    to: 'same',
    roles: ['supervisor'],
    ownDepartment: false,
    whenSuperseded: false,
    name: '催办 (urge)',
  },
  retract: {
    from: ['open', 'acknowledged', 'responded', 'closed'],
    to: 'retracted',
    roles: ['system'],
    ownDepartment: false,
    whenSuperseded: true,
    name: '撤销 (retract)',
  },
  'close-with-escalation': {
    from: ['open', 'acknowledged', 'responded'],
    to: 'closed',
    roles: ['system'],
    ownDepartment: false,
    whenSuperseded: true,
    name: '随升级信号销号 (close with escalation)',
  },
};

/** Statuses a supervisor may close from with this verdict. */
export function closableFrom(verdict: Verdict): readonly LifecycleStatus[] {
  return verdict === 'violation_confirmed' ? ACTIVE_STATUSES : RULES.close.from;
}

function allowedFrom(command: LifecycleCommand): readonly LifecycleStatus[] {
  return command.action === 'close' ? closableFrom(command.verdict) : RULES[command.action].from;
}

function roleList(roles: readonly (Role | 'system')[]): string {
  return roles.map((role) => (role === 'system' ? 'the system' : `a ${role.replace('_', ' ')}`)).join(' or ');
}

function blank(text: string | undefined): boolean {
  return text === undefined || text.trim().length === 0;
}

export function decideTransition(
  subject: LifecycleSubject,
  command: LifecycleCommand,
  requester: LifecycleRequester,
): LifecycleDecision {
  const rule = RULES[command.action];
  if (!rule.roles.includes(requester.role)) {
    return {
      allowed: false,
      refusal: 'forbidden',
      reason: `only ${roleList(rule.roles)} may ${rule.name}; you are ${requester.role}`,
    };
  }
  if (rule.ownDepartment && requester.departmentId !== subject.departmentId) {
    return {
      allowed: false,
      refusal: 'forbidden',
      reason: `the signal belongs to department ${subject.departmentId}; only its own officers may ${rule.name}`,
    };
  }
  if (
    (command.action === 'respond' ||
      command.action === 'return' ||
      command.action === 'retract' ||
      command.action === 'urge') &&
    blank(command.text)
  ) {
    return { allowed: false, refusal: 'invalid', reason: `text: ${rule.name} needs a text saying why` };
  }
  if (command.action === 'close' && command.verdict === 'violation_confirmed' && blank(command.text)) {
    return {
      allowed: false,
      refusal: 'invalid',
      reason:
        'text: 确认违规并销号 (close with verdict violation_confirmed) needs a note saying what was violated',
    };
  }
  if (subject.escalatedTo !== null && !rule.whenSuperseded) {
    return {
      allowed: false,
      refusal: 'conflict',
      reason: `the signal was superseded by ${subject.escalatedTo} (升级); act on that signal, this one is closed with it`,
    };
  }
  const from = allowedFrom(command);
  if (!from.includes(subject.status)) {
    const verdictNote =
      command.action === 'close' && command.verdict !== 'violation_confirmed'
        ? ` with verdict ${command.verdict} (the department must respond first)`
        : '';
    return {
      allowed: false,
      refusal: 'conflict',
      reason: `cannot ${rule.name}${verdictNote} a signal that is ${subject.status}; allowed from ${from.join(', ')}`,
    };
  }
  return { allowed: true, from: subject.status, to: rule.to === 'same' ? subject.status : rule.to };
}
