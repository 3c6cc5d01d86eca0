import type { Signal } from '@app/contracts';
import type { LifecycleStatus } from '@app/rules';
import { DataSource, QueryRunner } from 'typeorm';
import type { NewTransition, SignalRecord } from '../signals/signal-record';
import {
  SIGNAL_RECORD_COLUMNS,
  SIGNAL_ROW_COLUMNS,
  SignalRecordRow,
  SignalRow,
  signalFromRow,
  signalRecordFromRow,
} from '../signals/signal-rows';
import { appendToOutbox, insertTransitions } from '../signals/signal-writes';
import { unnestParameters } from '../signals/sql';
import {
  AcceptedEvent,
  CaseSummary,
  DeadLetter,
  EscalationLink,
  IngestStore,
  IngestTransaction,
  NewSignal,
  OutboxEntry,
  PeerDecisionRow,
  ReceiptUseRow,
  SignalCorrection,
  SignalRetraction,
  StoredEvent,
  StoredSignal,
} from './ingest-store';

/**
 * PostgreSQL adapter of the pipeline store. Every write is one statement per table per batch, its
 * rows passed as one JSON document through `jsonb_to_recordset` (one parameter, one JSON.stringify,
 * no per-element array escaping, no 65,535-parameter limit). Per-case reads go through a LATERAL
 * lookup per case id, so they stay index reads whatever the planner's statistics say.
 */
/**
 * The per-case reads: one LATERAL lookup per case id, fenced with OFFSET 0 so the planner cannot
 * flatten it into a hash join over the whole table once statistics say the ids are many.
 */
export const CASE_READS = {
  caseVersions: `SELECT c.case_id, c.fold_version FROM unnest($1::text[]) AS k(case_id)
     CROSS JOIN LATERAL (SELECT case_id, fold_version FROM cases WHERE case_id = k.case_id OFFSET 0) c`,
  loadCaseEvents: `SELECT k.case_id, e.event::text AS event, e.seq, e.partition FROM unnest($1::text[]) AS k(case_id)
     CROSS JOIN LATERAL (SELECT event, seq, partition FROM audit_events
                          WHERE case_id = k.case_id ORDER BY occurred_at, seq OFFSET 0) e`,
  caseSignals: `SELECT s.* FROM unnest($1::text[]) AS k(case_id)
     CROSS JOIN LATERAL (SELECT ${SIGNAL_ROW_COLUMNS}, status FROM signals WHERE case_id = k.case_id OFFSET 0) s`,
  lockCaseSignals: `SELECT s.* FROM unnest($1::text[]) AS k(case_id)
     CROSS JOIN LATERAL (SELECT ${SIGNAL_RECORD_COLUMNS} FROM signals
                          WHERE case_id = k.case_id AND status <> 'retracted'
                          ORDER BY alert_key FOR UPDATE) s`,
};

export class PgIngestStore extends IngestStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async transaction<T>(work: (tx: IngestTransaction) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const result = await work(new PgIngestTransaction(runner));
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  async pendingDeadlines(partitions: number[]) {
    const rows = await this.dataSource.query<{ case_id: string; due: string; partition: number }[]>(
      `SELECT case_id, (extract(epoch from next_due_at) * 1000)::bigint AS due, partition
         FROM cases WHERE next_due_at IS NOT NULL AND partition = ANY($1::int[])`,
      [partitions],
    );
    return rows.map((row) => ({ caseId: row.case_id, dueAt: Number(row.due), partition: row.partition }));
  }
}

class PgIngestTransaction implements IngestTransaction {
  constructor(private readonly runner: QueryRunner) {}

  /** Rows of any statement (TypeORM answers UPDATE ... RETURNING as [rows, count] otherwise). */
  private async query<Row>(sql: string, parameters: unknown[]): Promise<Row[]> {
    const result = await this.runner.query(sql, parameters, true);
    return result.records as Row[];
  }

  async insertDeadLetters(deadLetters: DeadLetter[]): Promise<number> {
    if (deadLetters.length === 0) return 0;
    const rows = await this.query<unknown>(
      `INSERT INTO dead_letters (topic, partition, kafka_offset, message_key, raw, reason)
       SELECT * FROM unnest($1::text[], $2::int[], $3::bigint[], $4::text[], $5::bytea[], $6::text[])
       ON CONFLICT (topic, partition, kafka_offset) DO NOTHING RETURNING id`,
      unnestParameters(deadLetters, ['topic', 'partition', 'offset', 'key', 'raw', 'reason']),
    );
    return rows.length;
  }

  async insertAuditEvents(events: AcceptedEvent[]): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const rows = await this.query<{ event_id: string }>(
      `INSERT INTO audit_events (event_id, case_id, item_code, department_id, type, occurred_at, reported_at,
                                 event, topic, partition, kafka_offset)
       SELECT r.event->>'eventId', r.event->>'caseId', r.event->>'itemCode', r.event->>'departmentId',
              r.event->>'type', (r.event->>'occurredAt')::timestamptz, (r.event->>'reportedAt')::timestamptz,
              r.event, r.topic, r.partition, r.kafka_offset
         FROM jsonb_to_recordset($1::jsonb) AS r(event jsonb, topic text, partition int, kafka_offset bigint)
       ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [
        JSON.stringify(
          events.map((e) => ({
            event: e.event,
            topic: e.topic,
            partition: e.partition,
            kafka_offset: e.offset,
          })),
        ),
      ],
    );
    return new Set(rows.map((row) => row.event_id));
  }

  async lockCrossCaseKeys(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    // a fixed number of buckets bounds the locks a batch holds; sorted, so two batches never wait
    // on each other in opposite orders
    const buckets = [...new Set(keys.map(crossCaseBucket))].sort((a, b) => a - b);
    await this.query(
      `SELECT pg_advisory_xact_lock(${CROSS_CASE_LOCK_CLASS}, bucket) FROM unnest($1::int[]) AS bucket`,
      [buckets],
    );
  }

  async crossCaseDependents(eventIds: string[], window: number): Promise<string[]> {
    if (eventIds.length === 0) return [];
    const rows = await this.query<{ case_id: string }>(
      `WITH fresh AS (
         SELECT case_id, type, occurred_at, seq, event->'payload' AS payload FROM audit_events
          WHERE event_id = ANY($1::text[]) AND type IN ('fee.paid', 'penalty.paid', 'penalty.decided')
       )
       SELECT later.case_id FROM fresh f CROSS JOIN LATERAL (
         SELECT e.case_id FROM audit_events e
          WHERE e.type IN ('fee.paid', 'penalty.paid') AND f.type IN ('fee.paid', 'penalty.paid')
            AND e.event->'payload'->>'receiptNo' = f.payload->>'receiptNo'
            AND (e.occurred_at, e.seq) > (f.occurred_at, f.seq)
       ) later WHERE later.case_id <> f.case_id
       UNION
       SELECT next.case_id FROM fresh f CROSS JOIN LATERAL (
         SELECT e.case_id FROM audit_events e
          WHERE f.type = 'penalty.decided' AND e.type = 'penalty.decided'
            AND e.event->'payload'->>'violationCode' = f.payload->>'violationCode'
            AND e.event->'payload'->>'tier' = f.payload->>'tier'
            AND (e.occurred_at, e.seq) > (f.occurred_at, f.seq)
          ORDER BY e.occurred_at, e.seq LIMIT $2::int
       ) next WHERE next.case_id <> f.case_id`,
      [eventIds, window],
    );
    return rows.map((row) => row.case_id);
  }

  async caseVersions(caseIds: string[]): Promise<Map<string, number>> {
    const versions = new Map<string, number>();
    if (caseIds.length === 0) return versions;
    const rows = await this.query<{ case_id: string; fold_version: string }>(CASE_READS.caseVersions, [
      [...caseIds].sort(),
    ]);
    for (const row of rows) versions.set(row.case_id, Number(row.fold_version));
    return versions;
  }

  async loadCaseEvents(caseIds: string[]): Promise<Map<string, StoredEvent[]>> {
    const byCase = new Map<string, StoredEvent[]>();
    if (caseIds.length === 0) return byCase;
    const rows = await this.query<{
      case_id: string;
      event: string;
      seq: string;
      partition: number;
    }>(CASE_READS.loadCaseEvents, [caseIds]);
    for (const row of rows) {
      const stored = {
        event: JSON.parse(row.event) as StoredEvent['event'],
        seq: Number(row.seq),
        partition: row.partition,
      };
      const list = byCase.get(row.case_id);
      if (list) list.push(stored);
      else byCase.set(row.case_id, [stored]);
    }
    return byCase;
  }

  async loadReceiptUses(receiptNos: string[]): Promise<ReceiptUseRow[]> {
    if (receiptNos.length === 0) return [];
    const rows = await this.query<{ receipt_no: string; event_id: string; case_id: string; at: string }>(
      `SELECT DISTINCT ON (event->'payload'->>'receiptNo')
              event->'payload'->>'receiptNo' AS receipt_no, event_id, case_id,
              (extract(epoch from occurred_at) * 1000)::bigint AS at
         FROM audit_events
        WHERE type IN ('fee.paid', 'penalty.paid') AND event->'payload'->>'receiptNo' = ANY($1::text[])
        ORDER BY event->'payload'->>'receiptNo', occurred_at, seq`,
      [receiptNos],
    );
    return rows.map((r) => ({
      receiptNo: r.receipt_no,
      eventId: r.event_id,
      caseId: r.case_id,
      occurredAtMs: Number(r.at),
    }));
  }

  async loadPeerDecisions(decisionEventIds: string[], window: number): Promise<PeerDecisionRow[]> {
    if (decisionEventIds.length === 0) return [];
    const rows = await this.query<{ code: string; tier: string; event_id: string; at: string; fine: string }>(
      `WITH asking AS (
         SELECT seq, occurred_at, event->'payload'->>'violationCode' AS code, event->'payload'->>'tier' AS tier
           FROM audit_events WHERE event_id = ANY($1::text[]) AND type = 'penalty.decided'
       ), peers AS (
         SELECT p.* FROM asking a CROSS JOIN LATERAL (
           SELECT e.seq, e.occurred_at, e.event_id, e.event FROM audit_events e
            WHERE e.type = 'penalty.decided'
              AND e.event->'payload'->>'violationCode' = a.code AND e.event->'payload'->>'tier' = a.tier
              AND (e.occurred_at, e.seq) <= (a.occurred_at, a.seq)
            ORDER BY e.occurred_at DESC, e.seq DESC
            LIMIT $2::int + 1) p
       )
       SELECT DISTINCT event->'payload'->>'violationCode' AS code, event->'payload'->>'tier' AS tier, event_id,
              (extract(epoch from occurred_at) * 1000)::bigint AS at, (event->'payload'->>'fine') AS fine,
              occurred_at, seq
         FROM peers ORDER BY occurred_at, seq`,
      [decisionEventIds, window],
    );
    return rows.map((r) => ({
      violationCode: r.code,
      tier: r.tier,
      eventId: r.event_id,
      occurredAtMs: Number(r.at),
      fine: Number(r.fine),
    }));
  }

  async upsertCases(cases: CaseSummary[]): Promise<string[]> {
    if (cases.length === 0) return [];
    const sorted = [...cases].sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
    const written = await this.query<{ case_id: string }>(
      `INSERT INTO cases (case_id, item_code, department_id, partition, phase, accepted_at, promised_deadline,
                          legal_deadline, next_due_at, event_count, last_occurred_at, kind, result,
                          clock_stopped_at, time_used_days, promised_days, legal_days, on_time, fold_version)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS c(case_id text, item_code text, department_id text,
              partition int, phase text, accepted_at timestamptz, promised_deadline timestamptz,
              legal_deadline timestamptz, next_due_at timestamptz, event_count int, last_occurred_at timestamptz,
              kind text, result text, clock_stopped_at timestamptz, time_used_days int, promised_days int,
              legal_days int, on_time boolean, fold_version bigint)
       ON CONFLICT (case_id) DO UPDATE SET
         item_code = EXCLUDED.item_code, department_id = EXCLUDED.department_id, partition = EXCLUDED.partition,
         phase = EXCLUDED.phase, accepted_at = EXCLUDED.accepted_at, promised_deadline = EXCLUDED.promised_deadline,
         legal_deadline = EXCLUDED.legal_deadline, next_due_at = EXCLUDED.next_due_at,
         event_count = EXCLUDED.event_count, last_occurred_at = EXCLUDED.last_occurred_at,
         kind = EXCLUDED.kind, result = EXCLUDED.result, clock_stopped_at = EXCLUDED.clock_stopped_at,
         time_used_days = EXCLUDED.time_used_days, promised_days = EXCLUDED.promised_days,
         legal_days = EXCLUDED.legal_days, on_time = EXCLUDED.on_time, fold_version = EXCLUDED.fold_version,
         updated_at = now()
       WHERE cases.fold_version = EXCLUDED.fold_version - 1
       RETURNING case_id`,
      [
        JSON.stringify(
          sorted.map((c) => ({
            case_id: c.caseId,
            item_code: c.itemCode,
            department_id: c.departmentId,
            partition: c.partition,
            phase: c.phase,
            accepted_at: c.acceptedAt,
            promised_deadline: c.promisedDeadline,
            legal_deadline: c.legalDeadline,
            next_due_at: c.nextDueAt,
            event_count: c.eventCount,
            last_occurred_at: c.lastOccurredAt,
            kind: c.outcome?.kind ?? null,
            result: c.outcome?.result ?? null,
            clock_stopped_at: c.outcome?.clockStoppedAt ?? null,
            time_used_days: c.outcome?.timeUsedDays ?? null,
            promised_days: c.outcome?.promisedDays ?? null,
            legal_days: c.outcome?.legalDays ?? null,
            on_time: c.outcome?.onTime ?? null,
            fold_version: c.foldVersion,
          })),
        ),
      ],
    );
    const done = new Set(written.map((row) => row.case_id));
    return sorted.filter((c) => !done.has(c.caseId)).map((c) => c.caseId);
  }

  async insertSignals(signals: NewSignal[]): Promise<Set<string>> {
    if (signals.length === 0) return new Set();
    const rows = await this.query<{ alert_key: string }>(
      `INSERT INTO signals (${SIGNAL_ROW_COLUMNS}, rule_family, response_due_at, created_at, recorded_status)
       SELECT s.*, 'open' FROM jsonb_to_recordset($1::jsonb) AS s("alertKey" text, "caseId" text, "itemCode" text,
              "departmentId" text, "ruleId" text, stage text, level text, "raisedAt" timestamptz,
              "triggeredBy" text, message text, details jsonb, "ruleFamily" text, "responseDueAt" timestamptz,
              "registeredAt" timestamptz)
       ON CONFLICT (alert_key) DO NOTHING RETURNING alert_key`,
      [JSON.stringify(signals)],
    );
    return new Set(rows.map((row) => row.alert_key));
  }

  async caseSignals(caseIds: string[]): Promise<Map<string, StoredSignal[]>> {
    const byCase = new Map<string, StoredSignal[]>();
    if (caseIds.length === 0) return byCase;
    const rows = await this.query<SignalRow & { status: LifecycleStatus }>(CASE_READS.caseSignals, [caseIds]);
    for (const row of rows) {
      const signal = signalFromRow(row);
      byCase.set(signal.caseId, [...(byCase.get(signal.caseId) ?? []), { signal, status: row.status }]);
    }
    return byCase;
  }

  async storedSignals(alertKeys: string[]): Promise<StoredSignal[]> {
    if (alertKeys.length === 0) return [];
    const rows = await this.query<SignalRow & { status: LifecycleStatus }>(
      `SELECT ${SIGNAL_ROW_COLUMNS}, status FROM signals WHERE alert_key = ANY($1::text[])`,
      [alertKeys],
    );
    return rows.map((row) => ({ signal: signalFromRow(row), status: row.status }));
  }

  async correctSignals(corrections: SignalCorrection[]): Promise<void> {
    if (corrections.length === 0) return;
    const signals = corrections.map((c) => c.signal);
    await this.query(
      `UPDATE signals s SET level = c.level, raised_at = c.raised_at, triggered_by = c.triggered_by,
              message = c.message, details = c.details, updated_at = now(),
              status = CASE WHEN c.reinstate THEN 'open' ELSE s.status END,
              recorded_status = CASE WHEN c.reinstate THEN 'open' ELSE s.recorded_status END,
              retracted_reason = CASE WHEN c.reinstate THEN NULL ELSE s.retracted_reason END
         FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::jsonb[], $7::bool[])
              AS c(alert_key, level, raised_at, triggered_by, message, details, reinstate)
        WHERE s.alert_key = c.alert_key`,
      [
        ...unnestParameters(signals, [
          'alertKey',
          'level',
          'raisedAt',
          'triggeredBy',
          'message',
          (x) => JSON.stringify(x.details),
        ]),
        corrections.map((c) => c.reinstate),
      ],
    );
  }

  async retractSignals(
    retractions: SignalRetraction[],
  ): Promise<{ signal: Signal; previous: LifecycleStatus }[]> {
    if (retractions.length === 0) return [];
    // joined with itself, `before` is the row as it was before this statement
    const rows = await this.query<SignalRow & { previous: LifecycleStatus }>(
      `UPDATE signals s SET status = 'retracted', recorded_status = 'retracted', retracted_reason = r.reason,
              updated_at = now()
         FROM unnest($1::text[], $2::text[]) AS r(alert_key, reason), signals before
        WHERE s.alert_key = r.alert_key AND before.alert_key = s.alert_key AND s.status <> 'retracted'
        RETURNING ${SIGNAL_ROW_COLUMNS.split(', ')
          .map((column) => `s.${column}`)
          .join(', ')}, before.status AS previous`,
      unnestParameters(retractions, ['alertKey', 'reason']),
    );
    return rows.map((row) => ({ signal: signalFromRow(row), previous: row.previous }));
  }

  async lockCaseSignals(caseIds: string[]): Promise<SignalRecord[]> {
    if (caseIds.length === 0) return [];
    const rows = await this.query<SignalRecordRow>(CASE_READS.lockCaseSignals, [[...caseIds].sort()]);
    return rows.map(signalRecordFromRow);
  }

  async linkEscalations(links: EscalationLink[]): Promise<void> {
    if (links.length === 0) return;
    await this.query(
      `UPDATE signals s SET escalated_to = l."escalatedTo", updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS l("alertKey" text, "escalatedTo" text)
        WHERE s.alert_key = l."alertKey"`,
      [JSON.stringify(links)],
    );
  }

  recordTransitions(transitions: NewTransition[]): Promise<void> {
    return insertTransitions(this.runner, transitions);
  }

  appendOutbox(entries: OutboxEntry[]): Promise<void> {
    return appendToOutbox(this.runner, entries);
  }
}

/** The advisory-lock class of the cross-case keys (`pg_advisory_xact_lock(class, bucket)`). */
const CROSS_CASE_LOCK_CLASS = 0x4a43;
const CROSS_CASE_BUCKETS = 128;

/** A key's bucket: FNV-1a of its UTF-16 code units, modulo the bucket count. */
export function crossCaseBucket(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return hash % CROSS_CASE_BUCKETS;
}
