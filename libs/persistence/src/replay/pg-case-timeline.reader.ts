import type { ApprovalEvent } from '@app/contracts';
import type { TimelineSourceEvent } from '@app/rules';
import { DataSource } from 'typeorm';
import type { PeerDecisionRow, ReceiptUseRow } from '../ingest/ingest-store';
import { PgIngestStore } from '../ingest/pg-ingest.store';
import type { SignalTransitionRecord } from '../signals/signal-record';
import { TRANSITION_COLUMNS, transitionFromRow } from '../signals/signal-rows';
import { readRows, rows } from '../signals/sql';

/** What a case timeline reads from the store: the case's events, the cross-case history, the lifecycle trail. */
export class PgCaseTimelineReader {
  constructor(private readonly dataSource: DataSource) {}

  /** The case's stored events in `occurredAt`, arrival order, with their arrival and Kafka coordinates. */
  async events(caseId: string): Promise<TimelineSourceEvent[]> {
    const found = await rows<{
      seq: string;
      arrived_at: Date;
      topic: string;
      partition: number;
      kafka_offset: string;
      event: ApprovalEvent;
    }>(
      this.dataSource,
      `SELECT seq, arrived_at, topic, partition, kafka_offset, event FROM audit_events
        WHERE case_id = $1 ORDER BY occurred_at, seq`,
      [caseId],
    );
    return found.map((row) => ({
      seq: Number(row.seq),
      arrivedAt: row.arrived_at.toISOString(),
      topic: row.topic,
      partition: row.partition,
      offset: String(row.kafka_offset),
      event: row.event,
    }));
  }

  /**
   * Receipts and peer decisions of every case, as the pipeline preloads them for this case (the
   * caller resets a `PagedSharedHistory` of `@app/rules` with them).
   */
  async sharedHistory(
    events: readonly TimelineSourceEvent[],
    peerWindow: number,
  ): Promise<{ uses: ReceiptUseRow[]; peers: PeerDecisionRow[] }> {
    const receiptNos = new Set<string>();
    const decisions: string[] = [];
    for (const { event } of events) {
      if (event.type === 'fee.paid' || event.type === 'penalty.paid') receiptNos.add(event.payload.receiptNo);
      if (event.type === 'penalty.decided') decisions.push(event.eventId);
    }
    if (receiptNos.size === 0 && decisions.length === 0) return { uses: [], peers: [] };
    const [uses, peers] = await new PgIngestStore(this.dataSource).transaction(async (tx) => [
      await tx.loadReceiptUses([...receiptNos]),
      await tx.loadPeerDecisions(decisions, peerWindow),
    ]);
    return { uses, peers };
  }

  /** Every transition of every signal of the case (raise, 签收, …, retract), oldest first. */
  async transitions(caseId: string): Promise<SignalTransitionRecord[]> {
    return readRows(
      this.dataSource,
      transitionFromRow,
      `SELECT ${TRANSITION_COLUMNS} FROM signal_transitions
        WHERE alert_key IN (SELECT alert_key FROM signals WHERE case_id = $1) ORDER BY id`,
      [caseId],
    );
  }
}
