import type { StoredEvent } from '@app/persistence';
import {
  InMemoryPeerFines,
  InMemoryReceiptRegistry,
  RuleCatalog,
  createRuleContext,
  evaluateCase,
  nextDueMs,
} from '@app/rules';
import type { Tier } from '@app/contracts';
import { CaseEvaluation, CaseEvaluator, SharedHistory } from '../ingest/ports';

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/** The rule engine of `libs/rules` behind the pipeline's port: the same fold the replay command runs. */
export class RulesCaseEvaluator extends CaseEvaluator {
  constructor(private readonly catalog: RuleCatalog) {
    super();
  }

  get peerWindow(): number {
    return this.catalog.settings.peerDeviation.window;
  }

  evaluate(histories: Map<string, StoredEvent[]>, shared: SharedHistory, watermarkMs: number) {
    const receipts = new InMemoryReceiptRegistry();
    for (const use of shared.receiptUses) receipts.record(use.receiptNo, use);
    const peers = new InMemoryPeerFines();
    for (const decision of shared.peerDecisions)
      peers.record(decision.violationCode, decision.tier as Tier, decision);
    const ctx = createRuleContext(this.catalog, { receipts, peers });

    const evaluations = new Map<string, CaseEvaluation>();
    for (const [caseId, history] of histories) {
      const evaluation = evaluateCase(
        history.map((stored) => stored.event),
        watermarkMs,
        ctx,
      );
      const { state } = evaluation;
      evaluations.set(caseId, {
        signals: evaluation.signals,
        summary: {
          caseId,
          itemCode: state.itemCode,
          departmentId: state.departmentId,
          phase: state.suspension ? 'suspended' : state.phase,
          acceptedAt: iso(state.clock?.startedAtMs),
          promisedDeadline: iso(state.clock?.promisedDeadlineMs),
          legalDeadline: iso(state.clock?.legalDeadlineMs),
          nextDueAt: iso(nextDueMs(state, ctx)),
          eventCount: state.eventCount,
          lastOccurredAt: new Date(state.lastEventAtMs).toISOString(),
        },
      });
    }
    return evaluations;
  }
}
