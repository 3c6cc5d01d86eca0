// The live stream's state: the signals on the wall, newest first, each with the sequence of the
// last change applied to it, so an older change arriving late never overwrites a newer state.
import type {
  WallChange,
  WallLevel,
  WallSignal,
  WallSignalCore,
  WallStage,
} from '../../../../libs/contracts/src/wall-protocol';

export interface StreamFilter {
  departmentId?: string;
  level?: WallLevel;
  stage?: WallStage;
  ruleId?: string;
}

export interface StreamRow {
  signal: WallSignal;
  /** The sequence of the last change applied (the snapshot's settled sequence for snapshot rows). */
  lastSequence: number;
  /** Arrived after the snapshot (live or by catch-up). */
  arrived: boolean;
}

export type Applied = 'added' | 'updated' | 'ignored';

export const STREAM_LIMIT = 300;

export function matches(
  signal: { departmentId: string; level: string; stage: string; ruleId: string },
  filter: StreamFilter,
): boolean {
  return (
    (!filter.departmentId || signal.departmentId === filter.departmentId) &&
    (!filter.level || signal.level === filter.level) &&
    (!filter.stage || signal.stage === filter.stage) &&
    (!filter.ruleId || signal.ruleId === filter.ruleId)
  );
}

/** A signal as the rule engine raised it: open, unanswered, not overdue, not superseded. */
export function raisedSignal(core: WallSignalCore, ruleFamily: string): WallSignal {
  return {
    ...core,
    status: 'open',
    responseDueAt: null,
    overdueAt: null,
    escalatedTo: null,
    responseKind: null,
    verdict: null,
    ruleFamily,
    retractedReason: null,
  };
}

/** The signal after a change: the change's lifecycle, or what a raise or retraction implies. */
export function signalAfter(
  change: WallChange,
  before: WallSignal | undefined,
  familyOf: (ruleId: string) => string,
): WallSignal {
  const { details: _details, ...core } = change.signal;
  const before_ = before ?? raisedSignal(core, familyOf(core.ruleId));
  // an urge (催办) carries the signal's count of urges, so applying it again changes nothing
  const base =
    change.kind === 'urged' && typeof change.urgeCount === 'number'
      ? { ...before_, urgeCount: Math.max(change.urgeCount, before_.urgeCount ?? 0) }
      : before_;
  if (change.lifecycle) return { ...base, ...core, ...change.lifecycle };
  if (change.kind === 'retracted')
    return { ...base, ...core, status: 'retracted', retractedReason: change.reason ?? null };
  return { ...base, ...core };
}

export class StreamState {
  private readonly rows = new Map<string, StreamRow>();
  /** Alert keys, newest first. */
  private order: string[] = [];

  constructor(private readonly familyOf: (ruleId: string) => string) {}

  /** Replaces the stream with a snapshot read at `sequence`. */
  load(signals: WallSignal[], sequence: number): void {
    this.rows.clear();
    this.order = signals.map((signal) => {
      this.rows.set(signal.alertKey, { signal, lastSequence: sequence, arrived: false });
      return signal.alertKey;
    });
  }

  /** Applies one change (already de-duplicated by sequence). */
  apply(change: WallChange, filter: StreamFilter): Applied {
    const key = change.signal.alertKey;
    const row = this.rows.get(key);
    if (row) {
      if (change.sequence <= row.lastSequence) return 'ignored';
      row.signal = signalAfter(change, row.signal, this.familyOf);
      row.lastSequence = change.sequence;
      return 'updated';
    }
    if (change.kind !== 'raised' || !matches(change.signal, filter)) return 'ignored';
    const signal = signalAfter(change, undefined, this.familyOf);
    this.rows.set(key, { signal, lastSequence: change.sequence, arrived: true });
    this.order.unshift(key);
    while (this.order.length > STREAM_LIMIT) {
      const dropped = this.order.pop();
      if (dropped) this.rows.delete(dropped);
    }
    return 'added';
  }

  row(alertKey: string): StreamRow | undefined {
    return this.rows.get(alertKey);
  }

  /** The rows to show, newest first: superseded signals are hidden (inhibition). */
  visible(): StreamRow[] {
    return this.order.flatMap((key) => {
      const row = this.rows.get(key);
      return row && row.signal.escalatedTo === null ? [row] : [];
    });
  }
}
