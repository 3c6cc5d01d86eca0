import type { Level, WallCase } from '@app/contracts';
import type { LifecycleStatus } from '@app/rules';
import type {
  NewTransition,
  SignalLifecycleChange,
  SignalPatch,
  SignalRecord,
  SignalTransitionRecord,
} from './signal-record';

/**
 * Which signals a reader may see. A department officer's queries always carry their department:
 * the restriction is in the SQL, not in the client.
 */
export interface SignalScope {
  departmentId: string | null;
}

export interface SignalQuery extends SignalScope {
  limit: number;
  status?: LifecycleStatus[];
  level?: Level;
  caseId?: string;
  /** Only (or never) signals whose deadline was missed. */
  overdue?: boolean;
  /** Also signals superseded by a higher one of their family (hidden on the wall). */
  includeSuperseded?: boolean;
  /** Signals raised before this instant (paging, newest first). */
  raisedBefore?: string;
}

export interface SignalSummary {
  casesOpen: number;
  casesTotal: number;
  events: number;
  /** Signals still asking for action, not superseded, by level. */
  openSignals: Partial<Record<Level, number>>;
  overdue: number;
  byStatus: Partial<Record<LifecycleStatus, number>>;
}

/** A case's projection as the case panel shows it (the wall protocol's own type). */
export type CaseRecord = WallCase['case'];

/** The writes of one console transaction on signals; locks are held until it commits. */
export interface SignalTransaction {
  /** The signal, locked for update; null when there is none. */
  lock(alertKey: string): Promise<SignalRecord | null>;
  /** Signals the pipeline inserted or retracted that the console has not registered yet. */
  lockUnregistered(limit: number): Promise<SignalRecord[]>;
  /** The other non-retracted signals of a case raised by these rules (one family), locked. */
  lockFamily(caseId: string, ruleIds: string[], exceptAlertKey: string): Promise<SignalRecord[]>;
  /** Signals superseded by this one, locked. */
  lockSupersededBy(alertKey: string): Promise<SignalRecord[]>;
  /** Active signals whose response deadline passed before `now` and that are not flagged yet. */
  lockOverdue(now: string, limit: number): Promise<SignalRecord[]>;
  update(alertKey: string, patch: SignalPatch): Promise<SignalRecord>;
  recordTransitions(transitions: NewTransition[]): Promise<void>;
  /** Appends changes to `signal_outbox`, published to `supervision.alerts` after commit. */
  appendChanges(changes: SignalLifecycleChange[]): Promise<void>;
}

/** Port: the signal store of the console. */
export abstract class SignalStore {
  abstract transaction<T>(work: (tx: SignalTransaction) => Promise<T>): Promise<T>;
  /** The signal; `out-of-scope` (without its data) when it belongs to another department. */
  abstract find(alertKey: string, scope: SignalScope): Promise<SignalRecord | 'out-of-scope' | null>;
  abstract list(query: SignalQuery): Promise<SignalRecord[]>;
  abstract transitions(alertKey: string): Promise<SignalTransitionRecord[]>;
  abstract summary(scope: SignalScope): Promise<SignalSummary>;
  abstract findCase(caseId: string, scope: SignalScope): Promise<CaseRecord | 'out-of-scope' | null>;
}
