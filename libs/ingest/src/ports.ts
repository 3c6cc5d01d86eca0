import type { Signal } from '@app/contracts';
import type { CaseSummary, DeadLetter, PeerDecisionRow, ReceiptUseRow, StoredEvent } from '@app/persistence';
import type { CaseState, RuleCatalog, TimedEvent } from '@app/rules';

/** A Kafka message as the pipeline receives it. */
export interface RawMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
}

/** Port: publishes dead letters to the dead-letter topic. */
export abstract class DeadLetterPublisher {
  abstract publish(deadLetters: DeadLetter[]): Promise<void>;
}

/**
 * A case's fold kept between batches. `state` is the rule engine's state after every event applied
 * and every timer due at or before an event; the timers that fell due after the latest event, up
 * to the watermark, are only in `watermarkSignals` (an event earlier than them may still come and
 * disprove them), so the state can take any event from its latest instant on.
 */
export interface CaseFold {
  readonly caseId: string;
  readonly state: CaseState;
  readonly catalog: RuleCatalog;
  /** The instant of the case's first event, which chose the catalogue version. */
  readonly firstEventAtMs: number;
  /** Signals of the events and of the timers due at or before the latest event. */
  readonly eventSignals: Signal[];
  /** Timers due after the latest event, at or before the watermark of the last fold. */
  watermarkSignals: Signal[];
}

/** What folding one case through the rules gives. */
export interface CaseEvaluation {
  summary: Omit<CaseSummary, 'partition' | 'foldVersion'>;
  /** Every signal the case has raised up to the watermark, timer signals included. */
  signals: Signal[];
  /** From `advance`: every signal the fold had raised before (what its last write stored). */
  previous?: Signal[];
  fold: CaseFold;
}

/** New events of a case to apply to its fold, in occurredAt then arrival order. */
export interface CaseAdvance {
  fold: CaseFold;
  events: TimedEvent[];
}

/** Other cases' history that cross-case rules read, preloaded for the cases being folded. */
export interface SharedHistory {
  receiptUses: ReceiptUseRow[];
  peerDecisions: PeerDecisionRow[];
}

/**
 * Port: the rule engine, seen from the pipeline. `evaluate` folds cases from every stored event
 * (each list in occurredAt then arrival order) and returns each case's state and signals, exactly
 * as a replay of those events would. `advance` applies new events to kept folds, which gives the
 * same as `evaluate` over the whole history whenever `canAdvance` holds.
 */
export abstract class CaseEvaluator {
  /** How many earlier decisions the peer-deviation rule compares with. */
  abstract readonly peerWindow: number;
  abstract evaluate(
    histories: Map<string, StoredEvent[]>,
    shared: SharedHistory,
    watermarkMs: number,
  ): Map<string, CaseEvaluation>;
  /**
   * Whether appending these events to the fold gives the same as re-folding the whole history:
   * none occurred before an event applied or a timer fired, and the catalogue version holds.
   */
  abstract canAdvance(fold: CaseFold, events: readonly TimedEvent[]): boolean;
  /** Applies new events (then the watermark) to folds in place; `canAdvance` must hold for each. */
  abstract advance(
    advances: Map<string, CaseAdvance>,
    shared: SharedHistory,
    watermarkMs: number,
  ): Map<string, CaseEvaluation>;
}
