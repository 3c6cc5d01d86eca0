import type { RuleCatalog } from './catalog-view';
import { InMemoryPeerFines, type PeerFines } from './peer-fines';
import { InMemoryReceiptRegistry, type ReceiptRegistry } from './receipt-registry';

/**
 * Everything a rule reads besides the case itself: the catalogue version in force and the
 * shared history that cross-case rules need. The live pipeline passes DB-backed registries;
 * replay and tests use the in-memory ones.
 */
export interface RuleContext {
  readonly catalog: RuleCatalog;
  /** Fines of earlier decided penalties, for PENALTY_PEER_DEVIATION. */
  readonly peers: PeerFines;
  /** Receipt numbers of earlier payments, for FEE_DUPLICATE_RECEIPT. */
  readonly receipts: ReceiptRegistry;
}

export function createRuleContext(
  catalog: RuleCatalog,
  shared: { peers?: PeerFines; receipts?: ReceiptRegistry } = {},
): RuleContext {
  return {
    catalog,
    peers: shared.peers ?? new InMemoryPeerFines(),
    receipts: shared.receipts ?? new InMemoryReceiptRegistry(),
  };
}
