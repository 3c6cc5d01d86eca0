import type { ApprovalEvent, Signal } from '@app/contracts';
import type { CatalogHistory, CatalogVersion } from '@app/catalog';
import { InMemoryPeerFines, type PeerFines } from './peer-fines';
import { InMemoryReceiptRegistry, type ReceiptRegistry } from './receipt-registry';
import { ReplayEngine } from './replay-engine';
import type { PendingTimer } from './rule-definition';
import { sortSignals } from './signals';

/**
 * The catalogue version that governs a case: the version in force at the case's first event (in
 * `occurredAt` order), for the whole life of the case. Before the first version, the first one.
 * The same choice everywhere: live pipeline, window replay, timeline and rebuild
 * (`docs/replay.md` § Catalogue versions).
 */
export function catalogVersionForCase(history: CatalogHistory, firstEventAtMs: number): CatalogVersion {
  const version = history.versionAt(firstEventAtMs) ?? history.all[0];
  if (!version) throw new Error('the catalogue history has no version');
  return version;
}

/** The largest peer-deviation window of any version: how much shared history to preload. */
export function largestPeerWindow(history: CatalogHistory): number {
  return Math.max(1, ...history.all.map((version) => version.data.settings.peerDeviation.window));
}

export interface VersionedReplayOptions {
  peers?: PeerFines;
  receipts?: ReceiptRegistry;
  /** Skip eventIds seen before (default false: the audit store holds each event once). */
  deduplicate?: boolean;
}

/**
 * `ReplayEngine` over a catalogue history: one engine per catalogue version, sharing the
 * cross-case history (peer fines, receipts), each case folded with the version in force at its
 * first event. Events come in `occurredAt` order; timers of every version fire up to each event.
 */
export class VersionedReplayEngine {
  private readonly engines = new Map<CatalogVersion, ReplayEngine>();
  private readonly caseEngines = new Map<string, { engine: ReplayEngine; version: CatalogVersion }>();
  private readonly peers: PeerFines;
  private readonly receipts: ReceiptRegistry;

  constructor(
    readonly history: CatalogHistory,
    private readonly options: VersionedReplayOptions = {},
  ) {
    this.peers = options.peers ?? new InMemoryPeerFines();
    this.receipts = options.receipts ?? new InMemoryReceiptRegistry();
  }

  /** Cases held in memory. */
  get cases(): number {
    return this.caseEngines.size;
  }

  /** Applies one event (after every timer due at or before it, in every version); returns the signals. */
  ingest(event: ApprovalEvent, occurredAtMs: number): Signal[] {
    let held = this.caseEngines.get(event.caseId);
    if (!held) {
      const version = catalogVersionForCase(this.history, occurredAtMs);
      held = { engine: this.engineOf(version), version };
      this.caseEngines.set(event.caseId, held);
    }
    const signals: Signal[] = [];
    for (const engine of this.engines.values())
      if (engine !== held.engine) signals.push(...engine.advanceTo(occurredAtMs));
    signals.push(...held.engine.ingest(event, occurredAtMs));
    return this.engines.size > 1 ? sortSignals(signals) : signals;
  }

  /** Fires every timer due at or before the watermark. */
  advanceTo(watermarkMs: number): Signal[] {
    const signals: Signal[] = [];
    for (const engine of this.engines.values()) signals.push(...engine.advanceTo(watermarkMs));
    return this.engines.size > 1 ? sortSignals(signals) : signals;
  }

  /** The version a case is folded with (undefined for a case not in memory). */
  versionOf(caseId: string): CatalogVersion | undefined {
    return this.caseEngines.get(caseId)?.version;
  }

  pendingTimers(caseId: string): PendingTimer[] {
    return this.caseEngines.get(caseId)?.engine.pendingTimers(caseId) ?? [];
  }

  /** Drops a case that will see no more events and has no pending timer (bounded memory). */
  forgetCase(caseId: string): void {
    const held = this.caseEngines.get(caseId);
    if (!held) return;
    held.engine.forgetCase(caseId);
    this.caseEngines.delete(caseId);
  }

  private engineOf(version: CatalogVersion): ReplayEngine {
    let engine = this.engines.get(version);
    if (!engine) {
      engine = new ReplayEngine(this.history.indexOf(version), {
        peers: this.peers,
        receipts: this.receipts,
        deduplicate: this.options.deduplicate ?? false,
      });
      // a new version's engine starts where the others are, so no timer fires twice out of order
      const now = Math.max(-Infinity, ...[...this.engines.values()].map((other) => other.watermarkMs));
      if (Number.isFinite(now)) engine.advanceTo(now);
      this.engines.set(version, engine);
    }
    return engine;
  }
}
