import type { ApprovalEvent, Signal } from '@app/contracts';
import type { LifecycleStatus } from '@app/rules';
import type {
  NewTransition,
  SignalEventKind,
  SignalLifecycleView,
  SignalRecord,
} from '../signals/signal-record';

/** Kafka coordinates of a message: where it came from, for the audit trail and dead letters. */
export interface MessageCoordinates {
  topic: string;
  partition: number;
  /** Kafka offsets are 64-bit: kept as decimal strings. */
  offset: string;
}

export interface AcceptedEvent extends MessageCoordinates {
  event: ApprovalEvent;
}

export interface DeadLetter extends MessageCoordinates {
  key: string | null;
  raw: Buffer;
  reason: string;
}

/** The projection of one case after its events were folded. */
export interface CaseSummary {
  caseId: string;
  itemCode: string;
  departmentId: string;
  partition: number;
  phase: string;
  acceptedAt: string | null;
  promisedDeadline: string | null;
  legalDeadline: string | null;
  /** The earliest pending timer of the case, if any: the live timer wheel reloads from it. */
  nextDueAt: string | null;
  eventCount: number;
  lastOccurredAt: string;
  /** How the case ended, once its clock stopped (`caseOutcome` of the rule engine); else null. */
  outcome: CaseOutcomeSummary | null;
  /** How many folds of the case were written: a kept fold is current only at the version it wrote. */
  foldVersion: number;
}

/** A stopped case's outcome as the projection keeps it, for the performance evaluation. */
export interface CaseOutcomeSummary {
  kind: 'licensing' | 'penalty';
  result: 'approved' | 'denied' | 'withdrawn' | 'decided';
  clockStoppedAt: string;
  timeUsedDays: number;
  promisedDays: number;
  legalDays: number;
  onTime: boolean;
}

export interface StoredEvent {
  event: ApprovalEvent;
  /** Arrival order in the audit store: breaks ties of equal occurredAt. */
  seq: number;
  partition: number;
}

export interface StoredSignal {
  signal: Signal;
  status: LifecycleStatus;
}

export interface SignalCorrection {
  signal: Signal;
  reinstate: boolean;
}

export interface SignalRetraction {
  alertKey: string;
  reason: string;
}

/** A new signal with what the pipeline registers with it: its rule family and response deadline. */
export interface NewSignal extends Signal {
  ruleFamily: string;
  responseDueAt: string | null;
  /** The instant the platform registered it (`created_at`), which its response deadline counts from. */
  registeredAt: string;
}

/**
 * One signal change to publish on `supervision.alerts` after commit (transactional outbox); a
 * change to the signal's lifecycle (an escalation) carries the lifecycle after it.
 */
export interface OutboxEntry {
  kind: SignalEventKind;
  signal: Signal;
  reason?: string;
  at?: string;
  lifecycle?: SignalLifecycleView;
  actor?: { username: string; role: string };
}

/** A signal's new link to the signal of its family that supersedes it (null: none). */
export interface EscalationLink {
  alertKey: string;
  escalatedTo: string | null;
}

/** The earliest payment that used a receipt number (any case). */
export interface ReceiptUseRow {
  receiptNo: string;
  eventId: string;
  caseId: string;
  occurredAtMs: number;
}

/** A decided penalty, as a peer of later decisions. */
export interface PeerDecisionRow {
  violationCode: string;
  tier: string;
  eventId: string;
  occurredAtMs: number;
  fine: number;
}

/** The effects of one batch, written in one transaction. */
export interface IngestTransaction {
  insertDeadLetters(deadLetters: DeadLetter[]): Promise<number>;
  /** Inserts the events not stored yet; returns the eventIds actually inserted. */
  insertAuditEvents(events: AcceptedEvent[]): Promise<Set<string>>;
  /**
   * Serialises, until commit, the batches of every pipeline instance that touch the same receipt
   * numbers or peer groups (violation code and tier), so that each reads the other's events: the
   * cross-case rules then see every payment and decision another instance stored concurrently.
   */
  lockCrossCaseKeys(keys: string[]): Promise<void>;
  /**
   * The other cases whose signals these newly stored events can change through the cross-case
   * rules, because the events arrived after events that occurred later: cases with a later payment
   * of the same receipt number (FEE_DUPLICATE_RECEIPT), and the cases of the next `window`
   * decisions of the same violation code and tier (PENALTY_PEER_DEVIATION).
   */
  crossCaseDependents(eventIds: string[], window: number): Promise<string[]>;
  /**
   * The `fold_version` of these cases' rows; a case without a row yet has no stored event before
   * this transaction's.
   */
  caseVersions(caseIds: string[]): Promise<Map<string, number>>;
  /** Every stored event of these cases, by case, in occurredAt then arrival order. */
  loadCaseEvents(caseIds: string[]): Promise<Map<string, StoredEvent[]>>;
  /** The earliest stored use of each receipt number, by occurredAt then arrival. */
  loadReceiptUses(receiptNos: string[]): Promise<ReceiptUseRow[]>;
  /**
   * For each of these stored decisions, the `window` decisions with its violation code and tier
   * that came before it (occurredAt, then arrival), together with the decisions themselves; all in
   * that order, each once.
   */
  loadPeerDecisions(decisionEventIds: string[], window: number): Promise<PeerDecisionRow[]>;
  /**
   * Writes the case projections, each only over the row's previous version (`foldVersion - 1`, or
   * no row for version 1), in case-id order; returns the case ids that were not written because
   * another fold wrote them in between (the caller rolls back and folds them again).
   */
  upsertCases(cases: CaseSummary[]): Promise<string[]>;
  /** Inserts new signals (by alertKey), registered (status recorded); returns the alertKeys that were new. */
  insertSignals(signals: NewSignal[]): Promise<Set<string>>;
  /** Every stored signal of these cases with its lifecycle status, by case. */
  caseSignals(caseIds: string[]): Promise<Map<string, StoredSignal[]>>;
  /** These stored signals with their lifecycle status. */
  storedSignals(alertKeys: string[]): Promise<StoredSignal[]>;
  /** Rewrites stored signals with what the re-fold raises now; `reinstate` reopens a retracted one. */
  correctSignals(corrections: SignalCorrection[]): Promise<void>;
  /** Retracts these signals (status recorded); returns those that were not retracted yet, with their status before. */
  retractSignals(retractions: SignalRetraction[]): Promise<{ signal: Signal; previous: LifecycleStatus }[]>;
  /** The non-retracted signals of these cases with their lifecycle, locked until commit. */
  lockCaseSignals(caseIds: string[]): Promise<SignalRecord[]>;
  linkEscalations(links: EscalationLink[]): Promise<void>;
  /** Appends to the signals' audit trail (`signal_transitions`). */
  recordTransitions(transitions: NewTransition[]): Promise<void>;
  appendOutbox(entries: OutboxEntry[]): Promise<void>;
}

/** Port: the durable store of the pipeline. */
export abstract class IngestStore {
  abstract transaction<T>(work: (tx: IngestTransaction) => Promise<T>): Promise<T>;
  /** Cases of these partitions with a pending timer: what a new owner of the partitions reloads. */
  abstract pendingDeadlines(
    partitions: number[],
  ): Promise<{ caseId: string; dueAt: number; partition: number }[]>;
}
