import type { DayNumber, TimeUnit } from '@app/calendar';
import type { Item, PartyKind, SuspensionProcedure, Tier } from '@app/contracts';

/**
 * Where a case is in its lifecycle (`docs/rules.md` § Case lifecycle). `running` is the clock phase:
 * accepted (licensing) or filed (penalty); a suspension is a sub-state of it.
 */
export type CasePhase = 'new' | 'submitted' | 'running' | 'completed' | 'refused' | 'decided';

/** The case clock (`docs/rules.md` § The case clock): last days and the deadlines derived from them. */
export interface CaseClock {
  /** A: `case.accepted` or `penalty.filed`. */
  readonly startedAtMs: number;
  /** p: promised last day. */
  promisedDay: DayNumber;
  /** l: legal last day. */
  legalDay: DayNumber;
  /** The supervision day `addDays(p, supervisionDays)`, moved with p. */
  supervisionDay: DayNumber;
  /** The last resumption instant (A before any): a deadline a move leaves before it falls due at it. */
  floorMs: number;
  /** W, or undefined when the item has `warnBeforeDays: 0`. */
  warningAtMs: number | undefined;
  /** P = endOf(p). */
  promisedDeadlineMs: number;
  /** L = endOf(l). */
  legalDeadlineMs: number;
  /** S = endOf(supervision day). */
  supervisionDeadlineMs: number;
}

/** The n-th start of a step, still running. */
export interface RunningStep {
  readonly stepCode: string;
  readonly n: number;
  readonly startedAtMs: number;
  /** The step's last day, or undefined for a step the item does not list (no limit). */
  lastDay: DayNumber | undefined;
  /** endOf(lastDay), floored at the last resumption. */
  dueMs: number | undefined;
}

export interface StepRecord {
  /** How many times the step started (n of its latest start). */
  starts: number;
  running: RunningStep | undefined;
}

/** The case's current suspension (特别程序). */
export interface Suspension {
  readonly n: number;
  readonly startedAtMs: number;
  readonly procedure: SuspensionProcedure;
  readonly maxDays: number;
  /** SUSPENSION_OVERLONG due instant. */
  readonly dueMs: number;
}

export interface PenaltyDecision {
  readonly eventId: string;
  readonly decidedAtMs: number;
  readonly violationCode: string;
  readonly tier: Tier;
  /** Fen. */
  readonly fine: number;
}

/**
 * The fold of one case's events. It is owned and mutated by `applyEvent` / `fireDue`; read it,
 * never write it. Collections are created on first use to keep a million open cases small.
 */
export interface CaseState {
  readonly caseId: string;
  /** From the case's first event; the item and department of every signal of the case. */
  itemCode: string;
  departmentId: string;
  /** The catalogue item, or undefined when `itemCode` is not in the catalogue. */
  item: Item | undefined;
  /** From the item; for an unknown item, from the event that started the case. */
  kind: 'licensing' | 'penalty' | undefined;
  timeUnit: TimeUnit;
  phase: CasePhase;
  /** Valid events applied, in sequence or not. */
  eventCount: number;
  lastEventAtMs: number;
  /** The latest due instant of a timer signal raised (-Infinity before any). */
  lastTimerAtMs: number;
  submittedAtMs: number | undefined;
  /** ACCEPTANCE_OVERDUE due instant (set at submission). */
  acceptanceDueMs: number | undefined;
  /** SUPPLEMENT_LATE: a supplement request at or after this instant is late. */
  supplementDueMs: number | undefined;
  /** Materials submitted and supplemented. */
  materials: Set<string> | undefined;
  supplementRequests: number;
  clock: CaseClock | undefined;
  clockStoppedAtMs: number | undefined;
  suspensionCount: number;
  suspension: Suspension | undefined;
  /** Units (working or calendar days) the case spent suspended: the sum of every resumption's k. */
  suspendedUnits: number;
  extensionCount: number;
  /** stepCode → how many times it started, and its running start if any. */
  steps: Map<string, StepRecord> | undefined;
  /** feeCode → assessed total (fen). */
  feesAssessed: Map<string, number> | undefined;
  /** feeCode → paid total (fen). */
  feesPaid: Map<string, number> | undefined;
  /** Receipt numbers of this case's payments, in order. */
  receipts: string[] | undefined;
  /** Fines paid (fen). */
  finesPaid: number;
  party: PartyKind | undefined;
  hearingNotified: boolean;
  decision: PenaltyDecision | undefined;
  completion:
    | { readonly result: 'approved' | 'denied' | 'withdrawn'; readonly completedAtMs: number }
    | undefined;
  /** DELIVERY_OVERDUE due instant (approved completions). */
  deliveryDueMs: number | undefined;
  delivered: boolean;
  /** `ruleId|qualifier` of every signal raised (an alert key is raised at most once); created on the first. */
  raised: Set<string> | undefined;
}

export function createCaseState(caseId: string): CaseState {
  return {
    caseId,
    itemCode: '',
    departmentId: '',
    item: undefined,
    kind: undefined,
    timeUnit: 'workday',
    phase: 'new',
    eventCount: 0,
    lastEventAtMs: -Infinity,
    lastTimerAtMs: -Infinity,
    submittedAtMs: undefined,
    acceptanceDueMs: undefined,
    supplementDueMs: undefined,
    materials: undefined,
    supplementRequests: 0,
    clock: undefined,
    clockStoppedAtMs: undefined,
    suspensionCount: 0,
    suspension: undefined,
    suspendedUnits: 0,
    extensionCount: 0,
    steps: undefined,
    feesAssessed: undefined,
    feesPaid: undefined,
    receipts: undefined,
    finesPaid: 0,
    party: undefined,
    hearingNotified: false,
    decision: undefined,
    completion: undefined,
    deliveryDueMs: undefined,
    delivered: false,
    raised: undefined,
  };
}
