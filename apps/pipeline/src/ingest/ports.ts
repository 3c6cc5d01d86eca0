import type { Signal } from '@app/contracts';
import type { CaseSummary, DeadLetter, PeerDecisionRow, ReceiptUseRow, StoredEvent } from '@app/persistence';

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

/** What folding one case's stored events through the rules gives. */
export interface CaseEvaluation {
  summary: Omit<CaseSummary, 'partition'>;
  /** Every signal the case has raised up to the watermark, timer signals included. */
  signals: Signal[];
}

/** Other cases' history that cross-case rules read, preloaded for the cases being folded. */
export interface SharedHistory {
  receiptUses: ReceiptUseRow[];
  peerDecisions: PeerDecisionRow[];
}

/**
 * Port: the rule engine, seen from the pipeline. Given every stored event of some cases (each list
 * in occurredAt then arrival order), the shared history and the watermark, it returns each case's
 * state and signals, exactly as a replay of those events would.
 */
export abstract class CaseEvaluator {
  /** How many earlier decisions the peer-deviation rule compares with. */
  abstract readonly peerWindow: number;
  abstract evaluate(
    histories: Map<string, StoredEvent[]>,
    shared: SharedHistory,
    watermarkMs: number,
  ): Map<string, CaseEvaluation>;
}
