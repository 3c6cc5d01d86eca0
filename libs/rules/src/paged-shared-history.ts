import type { Tier } from '@app/contracts';
import type { CatalogHistory } from '@app/catalog';
import { InMemoryPeerFines, type DecidedFine, type PeerFines, type PeerQuery } from './peer-fines';
import { InMemoryReceiptRegistry, type ReceiptRegistry, type ReceiptUse } from './receipt-registry';
import { largestPeerWindow, VersionedReplayEngine } from './versioned-replay-engine';

/** A stored payment's use of a receipt number. */
export interface NumberedReceiptUse extends ReceiptUse {
  readonly receiptNo: string;
}

/** A stored penalty decision, as a peer of later decisions. */
export interface PeerDecision extends DecidedFine {
  readonly violationCode: string;
  readonly tier: string;
}

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
  reset(receiptUses: readonly NumberedReceiptUse[], peerDecisions: readonly PeerDecision[]): void {
    this.receiptRegistry = new InMemoryReceiptRegistry();
    this.peerFines = new InMemoryPeerFines();
    for (const use of receiptUses) this.receiptRegistry.record(use.receiptNo, use);
    for (const decision of peerDecisions)
      this.peerFines.record(decision.violationCode, decision.tier as Tier, decision);
  }
}

/** A replay over a catalogue history whose cross-case history is read page by page (window replay). */
export interface PagedReplay {
  engine: VersionedReplayEngine;
  /** The engine's cross-case history: reset with the history of each page before it is folded. */
  shared: PagedSharedHistory;
  /** How many peer decisions to read before each decision of a page. */
  peerWindow: number;
}

export function pagedReplay(history: CatalogHistory): PagedReplay {
  const shared = new PagedSharedHistory();
  const engine = new VersionedReplayEngine(history, { peers: shared.peers, receipts: shared.receipts });
  return { engine, shared, peerWindow: largestPeerWindow(history) };
}
