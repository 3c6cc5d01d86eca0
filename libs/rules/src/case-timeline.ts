import { formatLocalDate } from '@app/calendar';
import type { ApprovalEvent, Signal } from '@app/contracts';
import type { CatalogHistory } from '@app/catalog';
import { redDeadline } from './case-clock';
import { applyEvent, fireDue, pendingTimers } from './case-fold';
import { createCaseState, type CaseState } from './case-state';
import { sortByOccurredAt } from './evaluate-case';
import type { PeerFines } from './peer-fines';
import type { ReceiptRegistry } from './receipt-registry';
import { createRuleContext, type RuleContext } from './rule-context';
import { catalogVersionForCase } from './versioned-replay-engine';

/** A stored event with where and when it arrived. */
export interface TimelineSourceEvent {
  seq: number;
  arrivedAt: string;
  topic: string;
  partition: number;
  offset: string;
  event: ApprovalEvent;
}

const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());

/**
 * The case's deadlines and clock as they stood at one point of its fold
 * (`docs/rules.md` § The case clock).
 */
export interface DeadlineSnapshot {
  /** new, submitted, running, suspended, completed, refused, decided. */
  phase: string;
  clock: {
    startedAt: string;
    /** W; null when the item has `warnBeforeDays: 0`. */
    warningAt: string | null;
    promisedDay: string;
    promisedDeadline: string;
    supervisionDay: string;
    supervisionDeadline: string;
    legalDay: string;
    legalDeadline: string;
    redDeadline: string;
    redLimit: 'legal' | 'supervision';
    stoppedAt: string | null;
  } | null;
  suspension: {
    n: number;
    since: string;
    procedure: string;
    maxDays: number;
    overlongAt: string;
  } | null;
  runningSteps: {
    stepCode: string;
    n: number;
    startedAt: string;
    lastDay: string | null;
    dueAt: string | null;
  }[];
  acceptanceDueAt: string | null;
  supplementDueAt: string | null;
  deliveryDueAt: string | null;
  extensions: number;
  suspensions: number;
  /** Every timer still ahead, by due instant: what would fire if nothing else happened. */
  pendingTimers: { ruleId: string; alertKey: string; dueAt: string }[];
}

export interface TimelineStep {
  seq: number;
  eventId: string;
  type: string;
  occurredAt: string;
  reportedAt: string | null;
  arrivedAt: string;
  kafka: { topic: string; partition: number; offset: string };
  actor: unknown;
  payload: unknown;
  /** Whether the event fitted the case's lifecycle (false: DATA_OUT_OF_SEQUENCE, no state change). */
  inSequence: boolean;
  /** Signals of this step: the case's timers due up to the event first, then the event's own. */
  signals: Signal[];
  after: DeadlineSnapshot;
}

export interface CaseTimelineFold {
  catalogVersion: string;
  steps: TimelineStep[];
  /** Timers that fired after the last event, up to the watermark. */
  afterLastEvent: { watermark: string; signals: Signal[]; after: DeadlineSnapshot };
  /** Every signal the fold raises up to the watermark (what a replay raises for the case). */
  signals: Signal[];
}

function snapshot(state: CaseState, ctx: RuleContext): DeadlineSnapshot {
  const { clock, suspension } = state;
  const red = clock ? redDeadline(clock) : undefined;
  return {
    phase: suspension ? 'suspended' : state.phase,
    clock:
      clock && red
        ? {
            startedAt: iso(clock.startedAtMs) as string,
            warningAt: iso(clock.warningAtMs),
            promisedDay: formatLocalDate(clock.promisedDay),
            promisedDeadline: iso(clock.promisedDeadlineMs) as string,
            supervisionDay: formatLocalDate(clock.supervisionDay),
            supervisionDeadline: iso(clock.supervisionDeadlineMs) as string,
            legalDay: formatLocalDate(clock.legalDay),
            legalDeadline: iso(clock.legalDeadlineMs) as string,
            redDeadline: iso(red.dueMs) as string,
            redLimit: red.limit,
            stoppedAt: iso(state.clockStoppedAtMs),
          }
        : null,
    suspension: suspension
      ? {
          n: suspension.n,
          since: iso(suspension.startedAtMs) as string,
          procedure: suspension.procedure,
          maxDays: suspension.maxDays,
          overlongAt: iso(suspension.dueMs) as string,
        }
      : null,
    runningSteps: [...(state.steps?.values() ?? [])]
      .filter((record) => record.running !== undefined)
      .map(({ running }) => ({
        stepCode: running!.stepCode,
        n: running!.n,
        startedAt: iso(running!.startedAtMs) as string,
        lastDay: running!.lastDay === undefined ? null : formatLocalDate(running!.lastDay),
        dueAt: iso(running!.dueMs),
      })),
    acceptanceDueAt: state.phase === 'submitted' ? iso(state.acceptanceDueMs) : null,
    supplementDueAt: state.phase === 'submitted' ? iso(state.supplementDueMs) : null,
    deliveryDueAt:
      state.completion?.result === 'approved' && !state.delivered ? iso(state.deliveryDueMs) : null,
    extensions: state.extensionCount,
    suspensions: state.suspensionCount,
    pendingTimers: pendingTimers(state, ctx).map((timer) => ({
      ruleId: timer.ruleId,
      alertKey: timer.alertKey,
      dueAt: iso(timer.dueMs) as string,
    })),
  };
}

/**
 * Folds one case event by event with the rule engine, recording after each event the deadlines
 * as they stood and the signals raised: the same fold as the live pipeline (`evaluateCase`), with
 * the catalogue version in force at the case's first event and the cross-case history given.
 */
export function foldCaseTimeline(
  stored: readonly TimelineSourceEvent[],
  history: CatalogHistory,
  shared: { receipts: ReceiptRegistry; peers: PeerFines },
  watermarkMs: number,
): CaseTimelineFold {
  const bySeq = new Map(stored.map((entry) => [entry.event.eventId, entry]));
  const ordered = sortByOccurredAt(stored.map((entry) => entry.event));
  const first = ordered[0];
  const version = catalogVersionForCase(history, first?.occurredAtMs ?? watermarkMs);
  const ctx = createRuleContext(history.indexOf(version), shared);
  const state = createCaseState(first?.event.caseId ?? '');
  const steps: TimelineStep[] = [];
  const all: Signal[] = [];
  const seen = new Set<string>();
  for (const { event, occurredAtMs } of ordered) {
    if (seen.has(event.eventId)) continue;
    seen.add(event.eventId);
    const source = bySeq.get(event.eventId) as TimelineSourceEvent;
    const step = applyEvent(state, event, ctx, occurredAtMs);
    all.push(...step.signals);
    steps.push({
      seq: source.seq,
      eventId: event.eventId,
      type: event.type,
      occurredAt: event.occurredAt,
      reportedAt: event.reportedAt ?? null,
      arrivedAt: source.arrivedAt,
      kafka: { topic: source.topic, partition: source.partition, offset: source.offset },
      actor: event.actor ?? null,
      payload: event.payload,
      inSequence: step.inSequence,
      signals: step.signals,
      after: snapshot(state, ctx),
    });
  }
  const afterSignals = fireDue(state, watermarkMs, ctx);
  all.push(...afterSignals);
  return {
    catalogVersion: String(version.version),
    steps,
    afterLastEvent: {
      watermark: new Date(watermarkMs).toISOString(),
      signals: afterSignals,
      after: snapshot(state, ctx),
    },
    signals: all,
  };
}
