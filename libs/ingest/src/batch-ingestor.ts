import type { ApprovalEvent, ApprovalEventOf, Signal } from '@app/contracts';
import {
  AcceptedEvent,
  CaseSummary,
  DeadLetter,
  IngestStore,
  IngestTransaction,
  SignalCorrection,
  SignalRetraction,
  StoredEvent,
  StoredSignal,
} from '@app/persistence';
import { sortByOccurredAt } from '@app/rules';
import { CachedFold, CaseFoldCache } from './case-fold-cache';
import { classifyMessages } from './message-classifier';
import { RegistrationPolicy, WITHOUT_DEADLINES, writeSignalChanges } from './signal-registration';
import { CaseAdvance, CaseEvaluator, DeadLetterPublisher, RawMessage, SharedHistory } from './ports';

export interface BatchOutcome {
  received: number;
  inserted: number;
  duplicates: number;
  deadLetters: number;
  casesEvaluated: number;
  /** Of those, cases folded again from their stored events (the rest advanced from a kept fold). */
  casesRefolded: number;
  signalsRaised: number;
  /** Stored signals rewritten (another raisedAt or level) or reinstated after a re-fold. */
  signalsCorrected: number;
  signalsRetracted: number;
  /** Earliest pending timer per evaluated case, for the timer wheel. */
  deadlines: { caseId: string; partition: number; dueAt: number | null }[];
}

export interface BatchIngestorOptions {
  /** Case folds kept between batches (default 100,000); 0 re-folds every touched case every batch. */
  foldCacheSize?: number;
  /** When new signals are registered and their answers due (default: now, no deadlines). */
  registration?: RegistrationPolicy;
}

/** Another fold wrote these cases since the fold this instance kept: the transaction rolls back. */
export class StaleFoldError extends Error {
  constructor(readonly caseIds: string[]) {
    super(`cases written by another fold meanwhile: ${caseIds.slice(0, 5).join(', ')}`);
  }
}

/** The cases a transaction folds: new events by case, and cases with nothing new. */
interface FoldWork {
  fresh: Map<string, AcceptedEvent[]>;
  /** Cases whose timers fell due: advanced from their kept fold when it is current. */
  due: string[];
  /** Cases another case's late event changes through the cross-case rules: always re-folded. */
  dependents: string[];
}

/**
 * The pipeline's one use case: a batch of messages in, every effect durable out. Dead letters are
 * published first (at least once), then one database transaction stores dead letters, new audit
 * events, the folded cases, their new signals, corrections, retractions and the outbox. The caller
 * commits Kafka offsets only after this resolves, so a crash at any point redelivers and changes
 * nothing twice (audit events by eventId, dead letters by coordinates, signals by alertKey).
 *
 * Folding (ADR 0009): a case's fold is kept between batches and new events are applied to it when
 * that gives what a re-fold from every stored event would (they are later than everything applied
 * and fired, the catalogue version holds, and the case row's `fold_version` is the one this
 * instance wrote). Otherwise the case is re-folded from the audit store, as ADR 0002 describes.
 */
export class BatchIngestor {
  private readonly folds: CaseFoldCache;
  private readonly registration: RegistrationPolicy;

  constructor(
    private readonly store: IngestStore,
    private readonly deadLetterPublisher: DeadLetterPublisher,
    private readonly evaluator: CaseEvaluator,
    options: BatchIngestorOptions = {},
  ) {
    this.folds = new CaseFoldCache(options.foldCacheSize ?? 100_000);
    this.registration = options.registration ?? WITHOUT_DEADLINES;
  }

  /** Kept folds (for metrics and tests). */
  get keptFolds(): number {
    return this.folds.size;
  }

  async ingest(messages: RawMessage[], watermarkMs: number): Promise<BatchOutcome> {
    const { events, deadLetters } = classifyMessages(messages);
    if (deadLetters.length > 0) await this.deadLetterPublisher.publish(deadLetters);
    return this.guarded((tx, touched) =>
      this.ingestIn(tx, touched, messages.length, events, deadLetters, watermarkMs),
    );
  }

  /** Folds the cases whose timers fell due up to the watermark: same path as new events, no input. */
  async fireTimers(caseIds: string[], watermarkMs: number) {
    return this.guarded((tx, touched) =>
      this.foldCases(tx, touched, { fresh: new Map(), due: caseIds, dependents: [] }, watermarkMs),
    );
  }

  /** The partitions this instance owns changed: folds of the others are dropped. */
  partitionsAssigned(partitions: readonly number[]): void {
    this.folds.keepPartitions(partitions);
  }

  /** Forgets every kept fold, as a restart would. */
  dropFolds(): void {
    this.folds.clear();
  }

  /**
   * A failed transaction wrote nothing: the folds it advanced in memory are dropped with it. One
   * that lost a race for a case row (another fold wrote it since this instance's) runs again at
   * once and folds those cases from the store.
   */
  private async guarded<T>(work: (tx: IngestTransaction, touched: string[]) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      const touched: string[] = [];
      try {
        return await this.store.transaction((tx) => work(tx, touched));
      } catch (error) {
        this.folds.forget(touched);
        if (!(error instanceof StaleFoldError) || attempt === 3) throw error;
      }
    }
  }

  private async ingestIn(
    tx: IngestTransaction,
    touched: string[],
    received: number,
    events: AcceptedEvent[],
    deadLetters: DeadLetter[],
    watermarkMs: number,
  ): Promise<BatchOutcome> {
    await tx.lockCrossCaseKeys(crossCaseKeys(events.map((e) => e.event)));
    await tx.insertDeadLetters(deadLetters);
    const inserted = await tx.insertAuditEvents(events);
    // new events by case, each once, in arrival order
    const fresh = new Map<string, AcceptedEvent[]>();
    const seen = new Set<string>();
    for (const accepted of events) {
      const { eventId, caseId } = accepted.event;
      if (!inserted.has(eventId) || seen.has(eventId)) continue;
      seen.add(eventId);
      const list = fresh.get(caseId);
      if (list) list.push(accepted);
      else fresh.set(caseId, [accepted]);
    }
    // a payment or decision that arrived after later ones changes those cases' signals too
    const crossCase = [...fresh.values()].flat().filter((accepted) => isCrossCaseEvent(accepted.event));
    const dependents = await tx.crossCaseDependents(
      crossCase.map((accepted) => accepted.event.eventId),
      this.evaluator.peerWindow,
    );
    const effects = await this.foldCases(tx, touched, { fresh, due: [], dependents }, watermarkMs);
    return {
      received,
      inserted: inserted.size,
      duplicates: events.length - inserted.size,
      deadLetters: deadLetters.length,
      ...effects,
    };
  }

  private async foldCases(tx: IngestTransaction, touched: string[], work: FoldWork, watermarkMs: number) {
    const caseIds = [...new Set([...work.fresh.keys(), ...work.due, ...work.dependents])];
    touched.push(...caseIds);
    if (caseIds.length === 0) {
      return {
        casesEvaluated: 0,
        casesRefolded: 0,
        signalsRaised: 0,
        signalsCorrected: 0,
        signalsRetracted: 0,
        deadlines: [],
      };
    }
    // a kept fold's version is checked when the case row is written (optimistic: another writer
    // makes the write fail and the batch fold again); only the other cases' versions are read
    const forced = new Set(work.dependents);
    const kept = new Map<string, CachedFold>();
    for (const caseId of caseIds) {
      const cached = forced.has(caseId) ? undefined : this.folds.get(caseId);
      if (cached) kept.set(caseId, cached);
    }
    const versions = await tx.caseVersions(caseIds.filter((caseId) => !kept.has(caseId)));
    for (const [caseId, cached] of kept) versions.set(caseId, cached.version);
    const advances = new Map<string, CaseAdvance>();
    const histories = new Map<string, StoredEvent[]>();
    const partitions = new Map<string, number>();
    const toLoad: string[] = [];
    for (const caseId of caseIds) {
      const batch = work.fresh.get(caseId) ?? [];
      const version = versions.get(caseId);
      if (version === undefined && batch.length > 0) {
        // no case row yet: the case's only stored events are this batch's, in arrival order
        histories.set(
          caseId,
          batch.map((accepted, seq) => ({ event: accepted.event, seq, partition: accepted.partition })),
        );
        partitions.set(caseId, batch.at(-1)?.partition ?? 0);
        continue;
      }
      const cached = kept.get(caseId);
      const events = sortByOccurredAt(batch.map((accepted) => accepted.event));
      if (cached && this.evaluator.canAdvance(cached.fold, events)) {
        advances.set(caseId, { fold: cached.fold, events });
        partitions.set(caseId, batch.at(-1)?.partition ?? cached.partition);
      } else {
        toLoad.push(caseId);
      }
    }
    const loaded = await tx.loadCaseEvents(toLoad);
    for (const [caseId, history] of loaded) {
      histories.set(caseId, history);
      partitions.set(caseId, history.at(-1)?.partition ?? 0);
    }
    const shared = await this.sharedHistory(tx, [
      ...[...histories.values()].flatMap((history) => history.map((stored) => stored.event)),
      ...[...advances.values()].flatMap((advance) => advance.events.map((timed) => timed.event)),
    ]);
    const refolded = this.evaluator.evaluate(histories, shared, watermarkMs);
    const advanced = this.evaluator.advance(advances, shared, watermarkMs);

    const summaries: CaseSummary[] = [];
    for (const [caseId, evaluation] of [...refolded, ...advanced]) {
      const partition = partitions.get(caseId) ?? 0;
      const foldVersion = (versions.get(caseId) ?? 0) + 1;
      summaries.push({ ...evaluation.summary, partition, foldVersion });
      this.folds.set(caseId, { fold: evaluation.fold, version: foldVersion, partition });
    }
    const stale = await tx.upsertCases(summaries);
    if (stale.length > 0) throw new StaleFoldError(stale);

    // re-folded cases against every stored signal; an advanced fold only against the keys that
    // changed since its last write (what that write stored); a new case has nothing stored
    const existing = [...loaded.keys()];
    const folded = new Map<string, Signal[]>();
    for (const caseId of histories.keys()) folded.set(caseId, refolded.get(caseId)?.signals ?? []);
    const changedKeys: string[] = [];
    for (const [caseId, { signals, previous = [] }] of advanced) {
      const changes = changedSignals(previous, signals);
      changedKeys.push(...changes.keys);
      if (changes.keys.length > 0) folded.set(caseId, changes.signals);
    }
    const stored = await tx.caseSignals(existing);
    for (const signal of await tx.storedSignals(changedKeys)) {
      const list = stored.get(signal.signal.caseId);
      if (list) list.push(signal);
      else stored.set(signal.signal.caseId, [signal]);
    }
    const { fresh, corrections, retractions, deferred } = reconcile(stored, folded, watermarkMs);
    // a fold that leaves a retraction for later is not kept: a re-fold will retract it in time
    this.folds.forget(deferred);
    const written = await writeSignalChanges(tx, { fresh, corrections, retractions }, this.registration);
    return {
      casesEvaluated: summaries.length,
      casesRefolded: refolded.size,
      signalsRaised: written.raised,
      signalsCorrected: written.corrected,
      signalsRetracted: written.retracted,
      deadlines: summaries.map((s) => ({
        caseId: s.caseId,
        partition: s.partition,
        dueAt: s.nextDueAt === null ? null : Date.parse(s.nextDueAt),
      })),
    };
  }

  /** The other cases' payments and decisions the cross-case rules compare these events with. */
  private async sharedHistory(tx: IngestTransaction, events: ApprovalEvent[]): Promise<SharedHistory> {
    const receiptNos = new Set<string>();
    const decisionEventIds: string[] = [];
    for (const event of events) {
      if (event.type === 'fee.paid' || event.type === 'penalty.paid') receiptNos.add(event.payload.receiptNo);
      if (event.type === 'penalty.decided') decisionEventIds.push(event.eventId);
    }
    return {
      receiptUses: await tx.loadReceiptUses([...receiptNos]),
      peerDecisions: await tx.loadPeerDecisions(decisionEventIds, this.evaluator.peerWindow),
    };
  }
}

/**
 * The alert keys whose signal differs between two folds of a case (new, gone, or raised at another
 * instant or level), and the current signals of those keys.
 */
function changedSignals(previous: Signal[], current: Signal[]): { keys: string[]; signals: Signal[] } {
  const before = new Map(previous.map((signal) => [signal.alertKey, signal]));
  const keys: string[] = [];
  const signals: Signal[] = [];
  for (const signal of current) {
    const was = before.get(signal.alertKey);
    before.delete(signal.alertKey);
    if (was && was.raisedAt === signal.raisedAt && was.level === signal.level) continue;
    keys.push(signal.alertKey);
    signals.push(signal);
  }
  keys.push(...before.keys());
  return { keys, signals };
}

type CrossCaseEvent = ApprovalEventOf<'fee.paid' | 'penalty.paid' | 'penalty.decided'>;

/** Events the cross-case rules compare across cases: payments (receipts) and decisions (peers). */
function isCrossCaseEvent(event: ApprovalEvent): event is CrossCaseEvent {
  return event.type === 'fee.paid' || event.type === 'penalty.paid' || event.type === 'penalty.decided';
}

/** The receipt numbers and peer groups of a batch's events, as lock keys. */
export function crossCaseKeys(events: readonly ApprovalEvent[]): string[] {
  const keys = new Set<string>();
  for (const event of events) {
    if (event.type === 'fee.paid' || event.type === 'penalty.paid')
      keys.add(`receipt:${event.payload.receiptNo}`);
    if (event.type === 'penalty.decided')
      keys.add(`peers:${event.payload.violationCode}|${event.payload.tier}`);
  }
  return [...keys];
}

const REASONS = {
  timer: '迟报数据表明该计时信号不应触发 (late data shows this timer signal should not have fired)',
  event:
    '迟到的事件按发生时间归位后该信号不再成立 (a late event, put in its place, shows this signal no longer holds)',
};

/**
 * Live equals the replay of what has arrived. Against what is stored for the re-folded cases:
 * a new alert key is inserted; a stored one the re-fold raises at another instant or level is
 * corrected (a retracted one reinstated); an active one the re-fold no longer raises (a timer
 * disproved by late data, or an event put in its place by a late earlier one) is retracted and
 * kept for the audit trail. Closed signals (销号) are history and stay as they are.
 */
export function reconcile(
  stored: Map<string, StoredSignal[]>,
  folded: Map<string, Signal[]>,
  watermarkMs: number,
): {
  fresh: Signal[];
  corrections: SignalCorrection[];
  retractions: SignalRetraction[];
  /** Cases with an active signal the fold no longer raises, kept until the watermark passes it. */
  deferred: Set<string>;
} {
  const fresh: Signal[] = [];
  const corrections: SignalCorrection[] = [];
  const retractions: SignalRetraction[] = [];
  const deferred = new Set<string>();
  for (const [caseId, signals] of folded) {
    const known = new Map((stored.get(caseId) ?? []).map((s) => [s.signal.alertKey, s]));
    const current = new Set<string>();
    for (const signal of signals) {
      current.add(signal.alertKey);
      const before = known.get(signal.alertKey);
      if (!before) fresh.push(signal);
      else if (before.status === 'retracted') corrections.push({ signal, reinstate: true });
      else if (
        before.status !== 'closed' &&
        (before.signal.raisedAt !== signal.raisedAt || before.signal.level !== signal.level)
      )
        corrections.push({ signal, reinstate: false });
    }
    for (const { signal, status } of known.values()) {
      if (current.has(signal.alertKey) || status === 'retracted' || status === 'closed') continue;
      if (Date.parse(signal.raisedAt) > watermarkMs) {
        deferred.add(caseId);
        continue;
      }
      retractions.push({
        alertKey: signal.alertKey,
        reason: signal.triggeredBy === 'timer' ? REASONS.timer : REASONS.event,
      });
    }
  }
  return { fresh, corrections, retractions, deferred };
}
