// The alarm wall's contract between the console and its page: the REST views under /api/wall and
// the socket.io event map. Plain types only (no framework import, type-only imports), so the page
// (apps/console/web) compiles against the same file as the server. The page imports this file
// itself, not the `@app/contracts` index, so its bundle takes no runtime code of the library.
import type { SignalChangeKind } from './alerts';

export type WallLevel = 'warning' | 'yellow' | 'red';
export type WallStage = 'before' | 'during' | 'after' | 'data';
export type WallLifecycleStatus = 'open' | 'acknowledged' | 'responded' | 'closed' | 'retracted';
export type WallRole = 'supervisor' | 'department_officer' | 'auditor' | 'administrator';
export type WallResponseKind = 'explanation' | 'correction';
export type WallVerdict = 'justified' | 'corrected' | 'violation_confirmed';

/**
 * Kinds of signal change on `supervision.alerts`: the contract's `SignalChangeKind`, the pipeline's
 * (raised, corrected, reinstated, retracted) and the console's lifecycle steps alike.
 */
export type WallChangeKind = SignalChangeKind;

/** A signal as the rule engine raised it. */
export interface WallSignalCore {
  alertKey: string;
  caseId: string;
  itemCode: string;
  departmentId: string;
  ruleId: string;
  stage: WallStage;
  level: WallLevel;
  raisedAt: string;
  triggeredBy: string;
  message: string;
}

/** The lifecycle of a signal after a change (absent on the pipeline's raise and retraction). */
export interface WallLifecycle {
  status: WallLifecycleStatus;
  responseDueAt: string | null;
  overdueAt: string | null;
  escalatedTo: string | null;
  responseKind: WallResponseKind | null;
  verdict: WallVerdict | null;
}

/** A signal on the wall: the raise and its lifecycle now. */
export interface WallSignal extends WallSignalCore, WallLifecycle {
  ruleFamily: string;
  retractedReason: string | null;
  /** How often a supervisor urged (催办) the department to answer; absent: never. */
  urgeCount?: number;
}

/** One published signal change with its outbox sequence: the unit of the live feed and of catch-up. */
export interface WallChange {
  /** `signal_outbox.sequence`: unique, increasing in allocation order (not strictly in commit order). */
  sequence: number;
  kind: WallChangeKind;
  signal: WallSignalCore & { details?: Record<string, unknown> };
  reason?: string;
  /** When the change was made (the pipeline's raises and retractions may carry none live). */
  at?: string;
  lifecycle?: WallLifecycle;
  actor?: { username: string; role: string };
  /** On an `urged` change: how many urges the signal has had, this one included. */
  urgeCount?: number;
}

/**
 * `resume`: "send me every change I may see since `from` that is not in `seen`". `from` is the
 * highest sequence the client has (or the snapshot's `sequence`). Sequences are allocated in order
 * but committed in any order, so the server also looks below `from`, as far back as a transaction
 * can stay open (`REORDER_MARGIN_MS`); `seen` keeps it from sending what the client already has.
 */
export interface ResumeRequest {
  from: number;
  /** Sequences the client already has (its most recent ones); at most 5,000. */
  seen?: number[];
  /** Paging: only changes above this sequence (the last one of the previous page). */
  after?: number;
}

export type ResumeAnswer =
  | {
      ok: true;
      /** The highest sequence in the outbox when the server read it. */
      sequence: number;
      /** Missed changes in ascending sequence order. */
      changes: WallChange[];
      /** More changes follow: ask again with `after` = the last sequence of this page. */
      more: boolean;
    }
  | { ok: false; error: string };

export interface JoinRequest {
  room: string;
}

export type JoinAnswer = { ok: true; room: string } | { ok: false; error: string };

/** Events the server emits to a wall socket. */
export interface WallServerEvents {
  /** Live changes, oldest first: one frame carries a batch of them, one change per argument. */
  signal: (...changes: WallChange[]) => void;
  notification: (notification: unknown) => void;
}

/** Events a wall socket may send, each answered through its acknowledgement. */
export interface WallClientEvents {
  join: (request: JoinRequest, answer: (result: JoinAnswer) => void) => void;
  resume: (request: ResumeRequest, answer: (result: ResumeAnswer) => void) => void;
}

/** `GET /api/wall/signals`: the stream's snapshot and where to resume from. */
export interface WallSnapshot {
  /**
   * A settled sequence: every change up to it is in `signals` (it was created long enough before
   * the read to have committed). Resume from it at once; the changes after it come once more.
   */
  sequence: number;
  signals: WallSignal[];
}

export interface LevelCounts {
  red: number;
  yellow: number;
  warning: number;
}

export interface OnTimeRate {
  /** Cases completed (办结) in the period that had a promised deadline. */
  completed: number;
  /** Of those, completed by the promised deadline. */
  onTime: number;
  /** onTime / completed, or null when nothing was completed. */
  rate: number | null;
}

export interface DepartmentRow {
  departmentId: string;
  name: string;
  casesInProgress: number;
  overdueCases: number;
  open: LevelCounts;
  /** Signals whose response deadline (督办期限) passed without an answer. */
  overdueAnswers: number;
  /** 1 = most red signals (then yellow, overdue answers, overdue cases, warnings). */
  rank: number;
}

/** `GET /api/wall/overview`: tiles, department board and charts for one scope and filter. */
export interface WallOverview {
  at: string;
  tiles: {
    casesInProgress: number;
    dueToday: number;
    overdueCases: number;
    open: LevelCounts;
    overdueAnswers: number;
    onTimeToday: OnTimeRate;
    onTimeMonth: OnTimeRate;
  };
  board: DepartmentRow[];
  /** Signals raised per hour over the last 24 hours (Asia/Shanghai hours), oldest first. */
  hourly: { hours: string[]; red: number[]; yellow: number[]; warning: number[] };
  /** Open signals by rule family (a rule without a family is its own), most first. */
  families: { family: string; ruleIds: string[]; open: LevelCounts }[];
}

/** Texts in both of the page's languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

export interface WallRuleInfo {
  id: string;
  /** The rule's short name (规则名), from its file. */
  title: Bilingual;
  level: WallLevel;
  stage: WallStage;
  /** Its family's id, or its own id when it has none. */
  family: string;
  description: Bilingual;
}

/** A family of rules at rising levels, for the charts. */
export interface WallFamilyInfo {
  id: string;
  title: Bilingual;
}

/** A department as the catalogue names it, for the filters and labels. */
export interface WallDepartment {
  id: string;
  name: string;
  /** Its official English name (`nameEn` of the catalogue), shown in English; null: `name` is. */
  nameEn: string | null;
}

/** `GET /api/wall/reference`: what the filters and labels need. */
export interface WallReference {
  departments: WallDepartment[];
  rules: WallRuleInfo[];
  families: WallFamilyInfo[];
}

export interface WallCaseEvent {
  eventId: string;
  type: string;
  occurredAt: string;
  reportedAt: string | null;
  actorName: string | null;
  payload: Record<string, unknown>;
}

export interface WallTransition {
  id: number;
  alertKey: string;
  action: string;
  fromStatus: WallLifecycleStatus | null;
  toStatus: WallLifecycleStatus;
  actorUsername: string;
  actorRole: string;
  at: string;
  responseKind: WallResponseKind | null;
  verdict: WallVerdict | null;
  text: string | null;
}

/** `GET /api/wall/cases/{caseId}`: what the case panel shows. */
/** A case's item as the catalogue names it, with its steps' names (`step.started` carries the code). */
export interface WallCaseItem {
  name: string;
  steps: { code: string; name: string }[];
}

export interface WallCase {
  /** Null when the console's catalogue does not list the case's item. */
  item: WallCaseItem | null;
  case: {
    caseId: string;
    itemCode: string;
    departmentId: string;
    phase: string;
    acceptedAt: string | null;
    promisedDeadline: string | null;
    legalDeadline: string | null;
    eventCount: number;
    lastOccurredAt: string;
  };
  events: WallCaseEvent[];
  /** Every signal of the case, superseded and retracted ones included. */
  signals: (WallSignal & { responseText: string | null })[];
  transitions: WallTransition[];
}

/**
 * `GET /api/silences`: a silence holds back a department's notifications (a department, a rule, or
 * both) until it ends; the wall marks the signals it matches (`silence-matcher.ts`).
 */
export interface WallSilence {
  id: string;
  departmentId: string | null;
  ruleId: string | null;
  reason: string;
  createdBy: string;
  createdAt: string;
  startsAt: string;
  endsAt: string;
  expiredAt: string | null;
  expiredBy: string | null;
}
