import type { Tier } from '@app/contracts';

/** A decided penalty as a peer of later decisions. */
export interface DecidedFine {
  readonly eventId: string;
  readonly occurredAtMs: number;
  /** Fen. */
  readonly fine: number;
}

/** The decision asking for its peers. */
export interface PeerQuery {
  readonly eventId: string;
  readonly occurredAtMs: number;
}

/**
 * The shared history PENALTY_PEER_DEVIATION reads: decided fines by violation code and tier, over
 * every department. Implementations must be idempotent by `eventId` (a re-folded case records
 * its decision again) and must never count the asking decision as its own peer.
 */
export interface PeerFines {
  /**
   * The fines of the last `window` decisions with this violation code and tier that came before
   * `query` (recorded before it, and not later in event time), oldest first.
   */
  recent(violationCode: string, tier: Tier, window: number, query: PeerQuery): number[];
  record(violationCode: string, tier: Tier, decision: DecidedFine): void;
}

interface PeerSeries {
  occurredAtMs: number[];
  fines: number[];
  eventIds: string[];
}

/** Keeps every recorded decision in memory, in recording order. */
export class InMemoryPeerFines implements PeerFines {
  private readonly series = new Map<string, PeerSeries>();
  /** eventId → position in its series, for idempotency and for re-folds asking about themselves. */
  private readonly positions = new Map<string, number>();

  recent(violationCode: string, tier: Tier, window: number, query: PeerQuery): number[] {
    const series = this.series.get(seriesKey(violationCode, tier));
    if (!series) return [];
    const end = this.positions.get(query.eventId) ?? series.fines.length;
    const fines: number[] = [];
    for (let index = end - 1; index >= 0 && fines.length < window; index -= 1) {
      if (series.eventIds[index] === query.eventId) continue;
      if ((series.occurredAtMs[index] ?? Infinity) > query.occurredAtMs) continue;
      fines.push(series.fines[index] ?? 0);
    }
    return fines.reverse();
  }

  record(violationCode: string, tier: Tier, decision: DecidedFine): void {
    if (this.positions.has(decision.eventId)) return;
    const key = seriesKey(violationCode, tier);
    let series = this.series.get(key);
    if (!series) {
      series = { occurredAtMs: [], fines: [], eventIds: [] };
      this.series.set(key, series);
    }
    this.positions.set(decision.eventId, series.fines.length);
    series.occurredAtMs.push(decision.occurredAtMs);
    series.fines.push(decision.fine);
    series.eventIds.push(decision.eventId);
  }
}

function seriesKey(violationCode: string, tier: Tier): string {
  return `${tier}\u0000${violationCode}`;
}
