import type { CatalogHistory } from '@app/catalog';
import { parseInstant, type ApprovalEvent, type Tier } from '@app/contracts';
import { catalogVersionForCase, largestPeerWindow, type StoredEvent } from '@app/persistence';
import {
  applyEvent,
  caseOutcome,
  CaseState,
  createCaseState,
  fireDue,
  InMemoryPeerFines,
  InMemoryReceiptRegistry,
  RuleCatalog,
  RuleContext,
  createRuleContext,
  nextDueMs,
  sortByOccurredAt,
  sortSignals,
} from '@app/rules';
import { CaseAdvance, CaseEvaluation, CaseEvaluator, CaseFold, SharedHistory } from '../ingest/ports';

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/** Which catalogue folds a case. */
export interface CaseCatalogs {
  /** The catalogue of a case whose first event occurred at this instant (the same object per version). */
  forCase(firstEventAtMs: number): RuleCatalog;
  /** How many earlier decisions the peer-deviation rule may compare with, in any version. */
  readonly peerWindow: number;
}

/**
 * The catalogue versions of a history (re-read on every call, so a refreshed history applies at
 * once): each case is folded with the version in force at its first event (`docs/replay.md`).
 */
export function catalogsOfHistory(history: () => CatalogHistory): CaseCatalogs {
  return {
    forCase: (firstEventAtMs) => {
      const current = history();
      return current.indexOf(catalogVersionForCase(current, firstEventAtMs));
    },
    get peerWindow() {
      return largestPeerWindow(history());
    },
  };
}

function isCaseCatalogs(catalogs: RuleCatalog | CaseCatalogs): catalogs is CaseCatalogs {
  return typeof (catalogs as CaseCatalogs).forCase === 'function';
}

/** The rule engine of `libs/rules` behind the pipeline's port: the same fold the replay command runs. */
export class RulesCaseEvaluator extends CaseEvaluator {
  private readonly catalogs: CaseCatalogs;

  /** One catalogue for every case (tests, the replay command), or catalogue versions. */
  constructor(catalogs: RuleCatalog | CaseCatalogs) {
    super();
    this.catalogs = isCaseCatalogs(catalogs)
      ? catalogs
      : { forCase: () => catalogs, peerWindow: catalogs.settings.peerDeviation.window };
  }

  get peerWindow(): number {
    return this.catalogs.peerWindow;
  }

  evaluate(histories: Map<string, StoredEvent[]>, shared: SharedHistory, watermarkMs: number) {
    const contextFor = this.contexts(shared);
    const evaluations = new Map<string, CaseEvaluation>();
    for (const [caseId, history] of histories) {
      // evaluateCase's fold, with the timers past the latest event kept apart (see CaseFold)
      const timed = sortByOccurredAt(history.map((stored) => stored.event));
      const firstEventAtMs = timed[0]?.occurredAtMs ?? Infinity;
      const ctx = contextFor(firstEventAtMs);
      const fold: CaseFold = {
        caseId,
        state: createCaseState(caseId),
        catalog: ctx.catalog,
        firstEventAtMs,
        eventSignals: [],
        watermarkSignals: [],
      };
      const seen = new Set<string>();
      for (const { event, occurredAtMs } of timed) {
        if (seen.has(event.eventId)) continue;
        seen.add(event.eventId);
        fold.eventSignals.push(...applyEvent(fold.state, event, ctx, occurredAtMs).signals);
      }
      evaluations.set(caseId, { ...toWatermark(fold, watermarkMs, ctx), fold });
    }
    return evaluations;
  }

  canAdvance(fold: CaseFold, events: readonly ApprovalEvent[]): boolean {
    if (this.catalogs.forCase(fold.firstEventAtMs) !== fold.catalog) return false;
    const { lastEventAtMs, lastTimerAtMs } = fold.state;
    let previous = Math.max(lastEventAtMs, lastTimerAtMs);
    for (const event of events) {
      const at = parseInstant(event.occurredAt);
      if (Number.isNaN(at) || at < previous) return false;
      previous = at;
    }
    return fold.state.eventCount > 0;
  }

  advance(advances: Map<string, CaseAdvance>, shared: SharedHistory, watermarkMs: number) {
    const contextFor = this.contexts(shared);
    const evaluations = new Map<string, CaseEvaluation>();
    for (const [caseId, { fold, events }] of advances) {
      const ctx = contextFor(fold.firstEventAtMs);
      const previous = [...fold.eventSignals, ...fold.watermarkSignals];
      for (const event of events) fold.eventSignals.push(...applyEvent(fold.state, event, ctx).signals);
      evaluations.set(caseId, { ...toWatermark(fold, watermarkMs, ctx), previous, fold });
    }
    return evaluations;
  }

  /** One rule context per catalogue version, all sharing the cross-case history of the batch. */
  private contexts(shared: SharedHistory): (firstEventAtMs: number) => RuleContext {
    const receipts = new InMemoryReceiptRegistry();
    for (const use of shared.receiptUses) receipts.record(use.receiptNo, use);
    const peers = new InMemoryPeerFines();
    for (const decision of shared.peerDecisions)
      peers.record(decision.violationCode, decision.tier as Tier, decision);
    const contexts = new Map<RuleCatalog, RuleContext>();
    return (firstEventAtMs) => {
      const catalog = this.catalogs.forCase(firstEventAtMs);
      let ctx = contexts.get(catalog);
      if (!ctx) {
        ctx = createRuleContext(catalog, { receipts, peers });
        contexts.set(catalog, ctx);
      }
      return ctx;
    };
  }
}

/**
 * Fires the fold's timers due up to the watermark on a copy of its state (`fireDue` only adds to
 * `raised` and moves `lastTimerAtMs`), so the fold itself stays at its latest event.
 */
function toWatermark(fold: CaseFold, watermarkMs: number, ctx: RuleContext) {
  const state: CaseState = { ...fold.state, raised: fold.state.raised && new Set(fold.state.raised) };
  fold.watermarkSignals = fireDue(state, watermarkMs, ctx);
  return {
    signals: sortSignals([...fold.eventSignals, ...fold.watermarkSignals]),
    summary: summaryOf(fold.caseId, state, ctx),
  };
}

/** The case projection of a case's state. */
function summaryOf(caseId: string, state: CaseState, ctx: RuleContext): CaseEvaluation['summary'] {
  const outcome = caseOutcome(state, ctx.catalog.calendar);
  return {
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
    outcome: outcome
      ? {
          kind: outcome.kind,
          result: outcome.result,
          clockStoppedAt: new Date(outcome.clockStoppedAtMs).toISOString(),
          timeUsedDays: outcome.timeUsedDays,
          promisedDays: outcome.promisedDays,
          legalDays: outcome.legalDays,
          onTime: outcome.onTime,
        }
      : null,
  };
}
