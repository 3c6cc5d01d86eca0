import type { Signal } from '@app/contracts';
import { CaseSummary, IngestStore, IngestTransaction, OutboxEntry, SignalRetraction } from '@app/persistence';
import { classifyMessages } from './message-classifier';
import { CaseEvaluator, DeadLetterPublisher, RawMessage } from './ports';

export interface BatchOutcome {
  received: number;
  inserted: number;
  duplicates: number;
  deadLetters: number;
  casesEvaluated: number;
  signalsRaised: number;
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
      await tx.insertDeadLetters(deadLetters);
      const inserted = await tx.insertAuditEvents(events);
      const touched = [
        ...new Set(events.filter((e) => inserted.has(e.event.eventId)).map((e) => e.event.caseId)),
      ];
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
      return { casesEvaluated: 0, signalsRaised: 0, signalsRetracted: 0, deadlines: [] };
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
    const signals: Signal[] = [];
    for (const [caseId, evaluation] of evaluations) {
      const partition = histories.get(caseId)?.at(-1)?.partition ?? 0;
      summaries.push({ ...evaluation.summary, partition });
      signals.push(...evaluation.signals);
    }
    await tx.upsertCases(summaries);
    const newKeys = await tx.insertSignals(signals);
    const outbox: OutboxEntry[] = signals
      .filter((signal) => newKeys.has(signal.alertKey))
      .map((signal) => ({ kind: 'raised', signal }));

    // A timer signal raised earlier that the full history no longer raises was proven wrong by late data.
    const retractions: SignalRetraction[] = [];
    const openTimerSignals = await tx.openTimerSignals(caseIds);
    for (const [caseId, open] of openTimerSignals) {
      const current = new Set(evaluations.get(caseId)?.signals.map((s) => s.alertKey));
      for (const signal of open) {
        if (!current.has(signal.alertKey) && Date.parse(signal.raisedAt) <= watermarkMs) {
          retractions.push({
            alertKey: signal.alertKey,
            reason:
              '迟报数据表明该计时信号不应触发 (late data shows this timer signal should not have fired)',
          });
        }
      }
    }
    const retracted = await tx.retractSignals(retractions);
    const reasons = new Map(retractions.map((r) => [r.alertKey, r.reason]));
    outbox.push(
      ...retracted.map((signal) => ({
        kind: 'retracted' as const,
        signal,
        reason: reasons.get(signal.alertKey),
      })),
    );
    await tx.appendOutbox(outbox);
    return {
      casesEvaluated: evaluations.size,
      signalsRaised: newKeys.size,
      signalsRetracted: retracted.length,
      deadlines: summaries.map((s) => ({
        caseId: s.caseId,
        partition: s.partition,
        dueAt: s.nextDueAt === null ? null : Date.parse(s.nextDueAt),
      })),
    };
  }
}
