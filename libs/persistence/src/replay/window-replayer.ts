import {
  parseInstant,
  type ApprovalEvent,
  type Level,
  type ReplayOutcome,
  type ReplayPhase,
  type ReplayProgress,
  type Signal,
} from '@app/contracts';
import type { PagedReplay, PagedSharedHistory } from '@app/rules';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import type { PeerDecisionRow, ReceiptUseRow } from '../ingest/ingest-store';
import { PgIngestStore } from '../ingest/pg-ingest.store';
import { firstRow, rows } from '../signals/sql';

const DAY_MS = 86_400_000;

/** What one window replay runs over. */
export interface WindowReplayParams {
  runId: string;
  /** Signals raised at or after this instant are reported. */
  fromMs: number;
  /**
   * The effective end: `min(window end, watermark)`. Events before it are replayed, timers due up
   * to it fire, and signals raised before it are reported (compared with live signals raised
   * before it).
   */
  endMs: number;
  /** Only cases of these departments (null: every department). */
  departments: readonly string[] | null;
  /**
   * Cases with an event in `[from - lookbackDays, end)` are replayed, each from its first event:
   * a case silent for longer cannot have a deadline left in the window.
   */
  lookbackDays: number;
  /**
   * The rule engine over the run's catalogue history, fresh for this run (`pagedReplay(history)`
   * of `@app/rules`): this class reads and writes, the engine folds.
   */
  replay: PagedReplay;
}

export interface WindowReplayOptions {
  /** Events per page of the keyset cursor. */
  pageSize?: number;
  /** Progress callback (every page, and at each phase). */
  onProgress?: (progress: ReplayProgress) => void | Promise<void>;
  /** Stops the run between two pages (it then throws the signal's reason). */
  signal?: AbortSignal;
}

/**
 * A row of the window's events: the event as JSON text (parsed when it is folded, so pages read
 * ahead hold one string an event), whether it is its case's last before the end (the case is
 * dropped after it), and what the cross-case history is read for: the receipt number of a payment,
 * the eventId of a penalty decision.
 */
type EventRow = [event: string, last: boolean, receiptNo: string | null, decision: string | null];

/** A page of events in replay order, with the cross-case history they read. */
interface EventPage {
  rows: EventRow[];
  history: SharedPage;
}

interface SharedPage {
  uses: ReceiptUseRow[];
  peers: PeerDecisionRow[];
}

/** Pages fetched (and their history read) ahead of the one being folded. */
const PAGES_AHEAD = 2;

interface BufferedSignal {
  signal: Signal;
  version: string;
}

/**
 * Re-runs the stored events of a time window through the rule engine, isolated from the live
 * tables (it writes `replay_run_cases`, `replay_signals` and `replay_diffs` only), with flat
 * memory: a keyset cursor over `audit_events` in `occurredAt`, arrival order, pages of events,
 * the cross-case history preloaded per page, signals written per page, and each case dropped
 * from memory once its last event is applied and no timer of it is pending.
 */
export class WindowReplayer {
  private readonly ingest: PgIngestStore;
  private readonly pageSize: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: WindowReplayOptions = {},
  ) {
    this.ingest = new PgIngestStore(dataSource);
    this.pageSize = options.pageSize ?? 5000;
  }

  async run(params: WindowReplayParams): Promise<ReplayOutcome> {
    const started = Date.now();
    const memory = process.memoryUsage();
    const peaks = {
      startHeapUsedBytes: memory.heapUsed,
      peakHeapUsedBytes: memory.heapUsed,
      startRssBytes: memory.rss,
      peakRssBytes: memory.rss,
    };
    const progress: ReplayProgress = {
      phase: 'scoping',
      casesTotal: 0,
      eventsTotal: 0,
      eventsRead: 0,
      signals: 0,
      casesInMemory: 0,
      elapsedMs: 0,
      eventsPerSecond: 0,
      heapUsedBytes: memory.heapUsed,
      rssBytes: memory.rss,
    };
    let replayStarted = started;
    const report = async (phase: ReplayPhase, casesInMemory = 0) => {
      const now = Date.now();
      const usage = process.memoryUsage();
      peaks.peakHeapUsedBytes = Math.max(peaks.peakHeapUsedBytes, usage.heapUsed);
      peaks.peakRssBytes = Math.max(peaks.peakRssBytes, usage.rss);
      progress.phase = phase;
      progress.casesInMemory = casesInMemory;
      progress.elapsedMs = now - started;
      if (phase === 'replaying' || progress.eventsRead > 0)
        progress.eventsPerSecond = Math.round(
          progress.eventsRead / Math.max(0.001, (now - replayStarted) / 1000),
        );
      progress.heapUsedBytes = usage.heapUsed;
      progress.rssBytes = usage.rss;
      await this.options.onProgress?.({ ...progress });
    };

    await report('scoping');
    const scope = await this.scope(params);
    progress.casesTotal = scope.cases;
    progress.eventsTotal = scope.events;
    replayStarted = Date.now();
    await report('replaying');

    const { engine, shared, peerWindow } = params.replay;
    const departments = params.departments ? new Set(params.departments) : undefined;
    const reportable = (signal: Signal) => {
      const raisedAt = Date.parse(signal.raisedAt);
      return (
        raisedAt >= params.fromMs &&
        raisedAt < params.endMs &&
        (departments === undefined || departments.has(signal.departmentId))
      );
    };
    const buffer: BufferedSignal[] = [];
    const keep = (signals: Signal[]) => {
      for (const signal of signals) {
        if (!reportable(signal)) continue;
        buffer.push({ signal, version: String(engine.versionOf(signal.caseId)?.version ?? '') });
      }
    };
    /**
     * Cases past their last event that still had a timer pending when last looked at, with the
     * earliest: nothing changes in such a case until the replay passes that instant.
     */
    const waiting = new Map<string, number>();

    // the signals of a page are written while the next pages are folded, one write at a time
    let writing: Promise<void> = Promise.resolve();
    let writeFailure: { error: unknown } | undefined;
    const write = () => {
      if (writeFailure) throw writeFailure.error;
      if (buffer.length === 0) return;
      const batch = buffer.splice(0);
      writing = writing
        .then(async () => {
          if (!writeFailure) progress.signals += await this.flush(params.runId, batch);
        })
        .catch((error: unknown) => {
          writeFailure ??= { error };
        });
    };

    /** Drops a case past its last event once no timer of it is pending; else notes its next one. */
    const lookAgain = (caseId: string) => {
      const next = engine.pendingTimers(caseId)[0];
      if (next !== undefined) {
        waiting.set(caseId, next.dueMs);
        return;
      }
      engine.forgetCase(caseId);
      waiting.delete(caseId);
    };
    const fold = async (page: EventPage) => {
      this.options.signal?.throwIfAborted();
      let now = -Infinity;
      for (const [text, last] of page.rows) {
        const event = JSON.parse(text) as ApprovalEvent;
        now = parseInstant(event.occurredAt);
        keep(engine.ingest(event, now));
        if (last) lookAgain(event.caseId);
      }
      // every timer due up to the page's last event has fired
      for (const [caseId, dueMs] of waiting) if (dueMs <= now) lookAgain(caseId);
      progress.eventsRead += page.rows.length;
      write();
      await report('replaying', engine.cases);
    };
    if (scope.events > 0) await this.readEvents(params, shared, peerWindow, fold).finally(() => writing);
    if (writeFailure) throw writeFailure.error;
    keep(engine.advanceTo(params.endMs));
    progress.signals += await this.flush(params.runId, buffer.splice(0));
    await report('diffing', engine.cases);

    const diff = await this.diff(params);
    await this.dataSource.query(`DELETE FROM replay_run_cases WHERE run_id = $1`, [params.runId]);
    const byLevel = await rows<{ level: Level; n: string }>(
      this.dataSource,
      `SELECT level, count(*) AS n FROM replay_signals WHERE run_id = $1 GROUP BY level`,
      [params.runId],
    );
    await report('done');
    return {
      ...progress,
      ...diff,
      signalsByLevel: Object.fromEntries(byLevel.map((row) => [row.level, Number(row.n)])),
      memory: peaks,
    };
  }

  /** The run's cases and, per case, its last event before the end (after it the case is dropped). */
  private async scope(params: WindowReplayParams) {
    const since = new Date(params.fromMs - params.lookbackDays * DAY_MS).toISOString();
    const end = new Date(params.endMs).toISOString();
    // the cases, each with its last event before the end, and the totals in one pass
    const totals = await firstRow<{ cases: string; events: string }>(
      this.dataSource,
      `WITH scoped AS (
         SELECT e.case_id, (array_agg(e.seq ORDER BY e.occurred_at DESC, e.seq DESC))[1] AS last_seq,
                count(*) AS events
           FROM audit_events e
          WHERE e.occurred_at < $3
            AND e.case_id IN (SELECT DISTINCT case_id FROM audit_events
                               WHERE occurred_at >= $2 AND occurred_at < $3
                                 AND ($4::text[] IS NULL OR department_id = ANY($4)))
          GROUP BY e.case_id
       ), stored AS (
         INSERT INTO replay_run_cases (run_id, case_id, last_seq) SELECT $1, case_id, last_seq FROM scoped
       )
       SELECT count(*) AS cases, coalesce(sum(events), 0) AS events FROM scoped`,
      [params.runId, since, end, params.departments],
    );
    await this.dataSource.query(`ANALYZE replay_run_cases`);
    return { cases: Number(totals?.cases ?? 0), events: Number(totals?.events ?? 0) };
  }

  /**
   * The events of the run's cases before the end, in `occurredAt`, arrival order, page by page,
   * each page with the cross-case history it needs (`shared` holds it while `fold` runs). One
   * server-side cursor in a read-only snapshot; the next pages are fetched, and their history
   * read, while `fold` works on this one.
   */
  private async readEvents(
    params: WindowReplayParams,
    shared: PagedSharedHistory,
    peerWindow: number,
    fold: (page: EventPage) => Promise<void>,
  ): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    const inFlight: Promise<EventPage | undefined>[] = [];
    let done = false;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query(
        `DECLARE replay_events NO SCROLL CURSOR FOR
           SELECT e.event::text, e.seq = c.last_seq,
                  CASE WHEN e.type IN ('fee.paid', 'penalty.paid') THEN e.event->'payload'->>'receiptNo' END,
                  CASE WHEN e.type = 'penalty.decided' THEN e.event_id END
             FROM audit_events e JOIN replay_run_cases c ON c.run_id = $1 AND c.case_id = e.case_id
            WHERE e.occurred_at < $2
            ORDER BY e.occurred_at, e.seq`,
        [params.runId, new Date(params.endMs).toISOString()],
      );
      const nextPage = async (): Promise<EventPage | undefined> => {
        const { rows } = await client.query<EventRow>({
          text: `FETCH ${this.pageSize} FROM replay_events`,
          rowMode: 'array',
        });
        if (rows.length < this.pageSize) done = true;
        if (rows.length === 0) return undefined;
        return { rows, history: await this.sharedHistoryOf(rows, peerWindow) };
      };
      // pages ahead of the one being folded: FETCHes queue on the cursor's connection in order
      const ahead = () => {
        while (!done && inFlight.length < PAGES_AHEAD) {
          const page = nextPage();
          // a failure surfaces when the page is awaited, in order
          page.catch(() => undefined);
          inFlight.push(page);
        }
      };
      ahead();
      for (let next = inFlight.shift(); next !== undefined; next = inFlight.shift()) {
        const page = await next;
        if (page === undefined) break;
        ahead();
        shared.reset(page.history.uses, page.history.peers);
        await fold(page);
        ahead();
      }
      await client.query('COMMIT');
    } catch (error) {
      await Promise.allSettled(inFlight);
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** What the live pipeline preloads for the cases it folds: receipts and peer decisions of every department. */
  private async sharedHistoryOf(rows: readonly EventRow[], peerWindow: number): Promise<SharedPage> {
    const receiptNos = new Set<string>();
    const decisions: string[] = [];
    for (const [, , receiptNo, decision] of rows) {
      if (receiptNo !== null) receiptNos.add(receiptNo);
      if (decision !== null) decisions.push(decision);
    }
    if (receiptNos.size === 0 && decisions.length === 0) return { uses: [], peers: [] };
    const [uses, peers] = await this.ingest.transaction(async (tx) => [
      await tx.loadReceiptUses([...receiptNos]),
      await tx.loadPeerDecisions(decisions, peerWindow),
    ]);
    return { uses, peers };
  }

  private async flush(runId: string, batch: BufferedSignal[]): Promise<number> {
    if (batch.length === 0) return 0;
    const column = <T>(pick: (entry: BufferedSignal) => T) => batch.map(pick);
    await this.dataSource.query(
      `INSERT INTO replay_signals (run_id, alert_key, case_id, item_code, department_id, rule_id, stage, level,
                                   raised_at, triggered_by, message, details, catalog_version)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                                $9::timestamptz[], $10::text[], $11::text[], $12::jsonb[], $13::text[])
       ON CONFLICT (run_id, alert_key) DO NOTHING`,
      [
        runId,
        column((e) => e.signal.alertKey),
        column((e) => e.signal.caseId),
        column((e) => e.signal.itemCode),
        column((e) => e.signal.departmentId),
        column((e) => e.signal.ruleId),
        column((e) => e.signal.stage),
        column((e) => e.signal.level),
        column((e) => e.signal.raisedAt),
        column((e) => e.signal.triggeredBy),
        column((e) => e.signal.message),
        column((e) => JSON.stringify(e.signal.details)),
        column((e) => e.version),
      ],
    );
    return batch.length;
  }

  /**
   * The diff against what was raised live: `missing` (replay raises it, live has no such signal
   * or retracted it), `extra` (live raised it and did not retract it, replay does not raise it),
   * `different` (both, with another level, stage, raisedAt, trigger or details). Live signals are
   * those raised in the same window, of the same departments.
   */
  private async diff(params: WindowReplayParams) {
    const from = new Date(params.fromMs).toISOString();
    const end = new Date(params.endMs).toISOString();
    const signalJson = (alias: string) =>
      `jsonb_build_object('alertKey', ${alias}.alert_key, 'caseId', ${alias}.case_id, 'itemCode', ${alias}.item_code,
         'departmentId', ${alias}.department_id, 'ruleId', ${alias}.rule_id, 'stage', ${alias}.stage,
         'level', ${alias}.level,
         'raisedAt', to_char(${alias}.raised_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
         'triggeredBy', ${alias}.triggered_by, 'message', ${alias}.message, 'details', ${alias}.details)`;
    await this.dataSource.query(
      `WITH r AS (SELECT * FROM replay_signals WHERE run_id = $1),
            l AS (SELECT * FROM signals
                   WHERE status <> 'retracted' AND raised_at >= $2 AND raised_at < $3
                     AND ($4::text[] IS NULL OR department_id = ANY($4)))
       INSERT INTO replay_diffs (run_id, alert_key, kind, fields, replay, live)
       SELECT $1, coalesce(r.alert_key, l.alert_key),
              CASE WHEN l.alert_key IS NULL THEN 'missing' WHEN r.alert_key IS NULL THEN 'extra' ELSE 'different' END,
              CASE WHEN r.alert_key IS NULL OR l.alert_key IS NULL THEN '{}'::text[] ELSE array_remove(ARRAY[
                CASE WHEN r.level IS DISTINCT FROM l.level THEN 'level' END,
                CASE WHEN r.stage IS DISTINCT FROM l.stage THEN 'stage' END,
                CASE WHEN r.raised_at IS DISTINCT FROM l.raised_at THEN 'raisedAt' END,
                CASE WHEN r.triggered_by IS DISTINCT FROM l.triggered_by THEN 'triggeredBy' END,
                CASE WHEN r.details IS DISTINCT FROM l.details THEN 'details' END], NULL) END,
              CASE WHEN r.alert_key IS NOT NULL THEN ${signalJson('r')} || jsonb_build_object('catalogVersion', r.catalog_version) END,
              CASE WHEN l.alert_key IS NOT NULL THEN ${signalJson('l')} || jsonb_build_object('status', l.status)
                   WHEN lr.alert_key IS NOT NULL THEN ${signalJson('lr')}
                        || jsonb_build_object('status', lr.status, 'retractedReason', lr.retracted_reason)
              END
         FROM r FULL JOIN l ON l.alert_key = r.alert_key
         LEFT JOIN signals lr ON l.alert_key IS NULL AND lr.alert_key = r.alert_key
        WHERE r.alert_key IS NULL OR l.alert_key IS NULL
           OR r.level IS DISTINCT FROM l.level OR r.stage IS DISTINCT FROM l.stage
           OR r.raised_at IS DISTINCT FROM l.raised_at OR r.triggered_by IS DISTINCT FROM l.triggered_by
           OR r.details IS DISTINCT FROM l.details`,
      [params.runId, from, end, params.departments],
    );
    const counts = await firstRow<{ missing: string; extra: string; different: string; live: string }>(
      this.dataSource,
      `SELECT count(*) FILTER (WHERE kind = 'missing') AS missing, count(*) FILTER (WHERE kind = 'extra') AS extra,
              count(*) FILTER (WHERE kind = 'different') AS different,
              (SELECT count(*) FROM signals WHERE status <> 'retracted' AND raised_at >= $2 AND raised_at < $3
                  AND ($4::text[] IS NULL OR department_id = ANY($4))) AS live
         FROM replay_diffs WHERE run_id = $1`,
      [params.runId, from, end, params.departments],
    );
    return {
      missing: Number(counts?.missing ?? 0),
      extra: Number(counts?.extra ?? 0),
      different: Number(counts?.different ?? 0),
      liveSignals: Number(counts?.live ?? 0),
    };
  }
}
