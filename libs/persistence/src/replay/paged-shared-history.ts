import type { Tier } from '@app/contracts';
import {
  DecidedFine,
  InMemoryPeerFines,
  InMemoryReceiptRegistry,
  PeerFines,
  PeerQuery,
  ReceiptRegistry,
  ReceiptUse,
} from '@app/rules';
import type { PeerDecisionRow, ReceiptUseRow } from '../ingest/ingest-store';

/**
 * The cross-case history (FEE_DUPLICATE_RECEIPT, PENALTY_PEER_DEVIATION) as the live pipeline
 * sees it: preloaded from the audit store for the events at hand (every department, whatever the
 * replay's filter), and emptied before the next page so memory does not grow with the events.
 */
export class PagedSharedHistory {
  private receiptRegistry = new InMemoryReceiptRegistry();
  private peerFines = new InMemoryPeerFines();

  readonly receipts: ReceiptRegistry = {
    firstUse: (receiptNo: string) => this.receiptRegistry.firstUse(receiptNo),
    record: (receiptNo: string, use: ReceiptUse) => this.receiptRegistry.record(receiptNo, use),
  };

  readonly peers: PeerFines = {
    recent: (violationCode: string, tier: Tier, window: number, query: PeerQuery) =>
      this.peerFines.recent(violationCode, tier, window, query),
    record: (violationCode: string, tier: Tier, decision: DecidedFine) =>
      this.peerFines.record(violationCode, tier, decision),
  };

  /** Replaces what is held by the history of the next events. */
  reset(receiptUses: readonly ReceiptUseRow[], peerDecisions: readonly PeerDecisionRow[]): void {
    this.receiptRegistry = new InMemoryReceiptRegistry();
    this.peerFines = new InMemoryPeerFines();
    for (const use of receiptUses) this.receiptRegistry.record(use.receiptNo, use);
    for (const decision of peerDecisions)
      this.peerFines.record(decision.violationCode, decision.tier as Tier, decision);
  }
}
