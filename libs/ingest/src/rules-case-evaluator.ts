import type { CatalogHistory } from '@app/catalog';
import { parseInstant, type Tier } from '@app/contracts';
import { type StoredEvent } from '@app/persistence';
import {
  applyEvent,
  caseOutcome,
  CaseState,
  fireDueOnCopy,
  foldEvents,
  InMemoryPeerFines,
  InMemoryReceiptRegistry,
  RuleCatalog,
  RuleContext,
  createRuleContext,
  nextDueMs,
  sortSignals,
  TimedEvent,
  catalogVersionForCase,
  largestPeerWindow,
} from '@app/rules';
import { CaseAdvance, CaseEvaluation, CaseEvaluator, CaseFold, SharedHistory } from './ports';

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
      const events = history.map((stored) => stored.event);
      const firstEventAtMs = events.reduce(
        (min, event) => Math.min(min, parseInstant(event.occurredAt)),
        Infinity,
      );
      const ctx = contextFor(firstEventAtMs);
      // evaluateCase's fold, with the timers past the latest event kept apart (see CaseFold)
      const { state, signals } = foldEvents(events, ctx);
      const fold: CaseFold = {
        caseId,
        state,
        catalog: ctx.catalog,
        firstEventAtMs,
        eventSignals: signals,
        watermarkSignals: [],
      };
      evaluations.set(caseId, { ...toWatermark(fold, watermarkMs, ctx), fold });
    }
    return evaluations;
  }

  canAdvance(fold: CaseFold, events: readonly TimedEvent[]): boolean {
    if (this.catalogs.forCase(fold.firstEventAtMs) !== fold.catalog) return false;
    const { lastEventAtMs, lastTimerAtMs } = fold.state;
    let previous = Math.max(lastEventAtMs, lastTimerAtMs);
    for (const { occurredAtMs } of events) {
      if (occurredAtMs < previous) return false;
      previous = occurredAtMs;
    }
    return fold.state.eventCount > 0;
  }

  advance(advances: Map<string, CaseAdvance>, shared: SharedHistory, watermarkMs: number) {
    const contextFor = this.contexts(shared);
    const evaluations = new Map<string, CaseEvaluation>();
    for (const [caseId, { fold, events }] of advances) {
      const ctx = contextFor(fold.firstEventAtMs);
      const previous = [...fold.eventSignals, ...fold.watermarkSignals];
      for (const { event, occurredAtMs } of events)
        fold.eventSignals.push(...applyEvent(fold.state, event, ctx, occurredAtMs).signals);
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

/** Fires the fold's timers due up to the watermark on a copy: the fold stays at its latest event. */
function toWatermark(fold: CaseFold, watermarkMs: number, ctx: RuleContext) {
  const { state, signals } = fireDueOnCopy(fold.state, watermarkMs, ctx);
  fold.watermarkSignals = signals;
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
