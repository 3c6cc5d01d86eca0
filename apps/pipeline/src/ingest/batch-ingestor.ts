import type { ApprovalEvent, ApprovalEventOf, Signal } from '@app/contracts';
import {
  CaseSummary,
  IngestStore,
  IngestTransaction,
  OutboxEntry,
  SignalCorrection,
  SignalRetraction,
  StoredSignal,
} from '@app/persistence';
import { classifyMessages } from './message-classifier';
import { CaseEvaluation, CaseEvaluator, DeadLetterPublisher, RawMessage } from './ports';

export interface BatchOutcome {
  received: number;
  inserted: number;
  duplicates: number;
  deadLetters: number;
  casesEvaluated: number;
  signalsRaised: number;
  /** Stored signals rewritten (another raisedAt or level) or reinstated after a re-fold. */
  signalsCorrected: number;
  signalsRetracted: number;
  /** Earliest pending timer per evaluated case, for the timer wheel. */
  deadlines: { caseId: string; partition: number; dueAt: number | null }[];
}

/**
 * The pipeline's one use case: a batch of messages in, every effect durable out. Dead letters are
 * published first (at least once), then one database transaction stores dead letters, new audit
 * events, the re-folded cases, their new signals, retractions and the outbox. The caller commits
 * Kafka offsets only after this resolves, so a crash at any point redelivers and changes nothing
 * twice (audit events by eventId, dead letters by coordinates, signals by alertKey).
 */
export class BatchIngestor {
  constructor(
    private readonly store: IngestStore,
    private readonly deadLetterPublisher: DeadLetterPublisher,
    private readonly evaluator: CaseEvaluator,
  ) {}

  async ingest(messages: RawMessage[], watermarkMs: number): Promise<BatchOutcome> {
    const { events, deadLetters } = classifyMessages(messages);
    if (deadLetters.length > 0) await this.deadLetterPublisher.publish(deadLetters);
    return this.store.transaction(async (tx) => {
      await tx.lockCrossCaseKeys(crossCaseKeys(events.map((e) => e.event)));
      await tx.insertDeadLetters(deadLetters);
      const inserted = await tx.insertAuditEvents(events);
      const fresh = events.filter((e) => inserted.has(e.event.eventId)).map((e) => e.event);
      // a payment or decision that arrived after later ones changes those cases' signals too
      const dependents = await tx.crossCaseDependents(
        fresh.filter(isCrossCaseEvent).map((event) => event.eventId),
        this.evaluator.peerWindow,
      );
      const touched = [...new Set([...fresh.map((event) => event.caseId), ...dependents])];
      const effects = await this.reevaluateCases(tx, touched, watermarkMs);
      return {
        received: messages.length,
        inserted: inserted.size,
        duplicates: events.length - inserted.size,
        deadLetters: deadLetters.length,
        ...effects,
      };
    });
  }

  /** Re-folds cases whose timers fell due: same path as new events, no new input. */
  async fireTimers(caseIds: string[], watermarkMs: number) {
    return this.store.transaction((tx) => this.reevaluateCases(tx, caseIds, watermarkMs));
  }

  private async reevaluateCases(tx: IngestTransaction, caseIds: string[], watermarkMs: number) {
    if (caseIds.length === 0) {
      return { casesEvaluated: 0, signalsRaised: 0, signalsCorrected: 0, signalsRetracted: 0, deadlines: [] };
    }
    const histories = await tx.loadCaseEvents(caseIds);
    const receiptNos = new Set<string>();
    const decisionEventIds: string[] = [];
    for (const history of histories.values()) {
      for (const { event } of history) {
        if (event.type === 'fee.paid' || event.type === 'penalty.paid')
          receiptNos.add(event.payload.receiptNo);
        if (event.type === 'penalty.decided') decisionEventIds.push(event.eventId);
      }
    }
    const shared = {
      receiptUses: await tx.loadReceiptUses([...receiptNos]),
      peerDecisions: await tx.loadPeerDecisions(decisionEventIds, this.evaluator.peerWindow),
    };
    const evaluations = this.evaluator.evaluate(histories, shared, watermarkMs);
    const summaries: CaseSummary[] = [];
    for (const [caseId, evaluation] of evaluations) {
      const partition = histories.get(caseId)?.at(-1)?.partition ?? 0;
      summaries.push({ ...evaluation.summary, partition });
    }
    await tx.upsertCases(summaries);
    const { fresh, corrections, retractions } = reconcile(
      await tx.caseSignals(caseIds),
      evaluations,
      watermarkMs,
    );
    const newKeys = await tx.insertSignals(fresh);
    await tx.correctSignals(corrections);
    const retracted = await tx.retractSignals(retractions);
    const reasons = new Map(retractions.map((r) => [r.alertKey, r.reason]));
    const outbox: OutboxEntry[] = [
      ...fresh
        .filter((signal) => newKeys.has(signal.alertKey))
        .map((signal) => ({ kind: 'raised' as const, signal })),
      ...corrections.map(({ signal, reinstate }) => ({
        kind: reinstate ? ('reinstated' as const) : ('corrected' as const),
        signal,
        reason: reinstate ? REASONS.reinstated : REASONS.corrected,
      })),
      ...retracted.map((signal) => ({
        kind: 'retracted' as const,
        signal,
        reason: reasons.get(signal.alertKey),
      })),
    ];
    await tx.appendOutbox(outbox);
    return {
      casesEvaluated: evaluations.size,
      signalsRaised: newKeys.size,
      signalsCorrected: corrections.length,
      signalsRetracted: retracted.length,
      deadlines: summaries.map((s) => ({
        caseId: s.caseId,
        partition: s.partition,
        dueAt: s.nextDueAt === null ? null : Date.parse(s.nextDueAt),
      })),
    };
  }
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
  corrected:
    '迟报数据改变了该信号的触发时间或级别 (late data changed when or at which level this signal holds)',
  reinstated: '迟报数据表明该信号仍然成立 (late data shows this signal holds after all)',
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
  evaluations: Map<string, CaseEvaluation>,
  watermarkMs: number,
): { fresh: Signal[]; corrections: SignalCorrection[]; retractions: SignalRetraction[] } {
  const fresh: Signal[] = [];
  const corrections: SignalCorrection[] = [];
  const retractions: SignalRetraction[] = [];
  for (const [caseId, evaluation] of evaluations) {
    const known = new Map((stored.get(caseId) ?? []).map((s) => [s.signal.alertKey, s]));
    const current = new Set<string>();
    for (const signal of evaluation.signals) {
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
      if (Date.parse(signal.raisedAt) > watermarkMs) continue;
      retractions.push({
        alertKey: signal.alertKey,
        reason: signal.triggeredBy === 'timer' ? REASONS.timer : REASONS.event,
      });
    }
  }
  return { fresh, corrections, retractions };
}
