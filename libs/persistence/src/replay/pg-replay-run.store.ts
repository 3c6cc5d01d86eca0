import { DataSource } from 'typeorm';
import { SIGNAL_ROW_COLUMNS, SignalRow, signalFromRow } from '../signals/signal-rows';
import { recordOperatorAction } from '../auth/operator-audit';
import type {
  Actor,
  DiffKind,
  ReplayOutcome,
  ReplayProgress,
  ReplayRunRecord,
  ReplayStatus,
} from '@app/contracts';
import { rowFields } from '../signals/row-fields';
import { firstRow, readFirstRow, readRows, rows } from '../signals/sql';
import {
  cancelledError,
  NewReplayRun,
  ReplayDiffRow,
  ReplayRunStore,
  ReplaySignalRow,
} from './replay-run-store';

interface RunRow {
  id: string;
  requested_by: string;
  requested_role: string;
  address: string | null;
  requested_at: Date;
  window_from: Date;
  window_to: Date;
  watermark: Date;
  departments: string[] | null;
  catalog_mode: 'in-force' | 'candidate';
  candidate_version: number | null;
  lookback_days: number;
  status: ReplayStatus;
  started_at: Date | null;
  finished_at: Date | null;
  cases_total: number | null;
  events_total: string | null;
  events_read: string;
  signals: string;
  missing: number | null;
  extra: number | null;
  different: number | null;
  error: string | null;
  summary: Partial<ReplayOutcome>;
}

const numberOrNull = (value: string | number | null) => (value === null ? null : Number(value));

function recordOf(row: RunRow): ReplayRunRecord {
  return {
    ...rowFields(row, ['id', 'requested_by', 'requested_role', 'address', 'requested_at']),
    from: row.window_from.toISOString(),
    to: row.window_to.toISOString(),
    watermark: row.watermark.toISOString(),
    end: new Date(Math.min(row.window_to.getTime(), row.watermark.getTime())).toISOString(),
    departments: row.departments,
    catalog:
      row.catalog_mode === 'candidate'
        ? { mode: 'candidate', versionId: row.candidate_version as number }
        : { mode: 'in-force' },
    ...rowFields(row, ['lookback_days', 'status', 'started_at', 'finished_at', 'cases_total']),
    eventsTotal: numberOrNull(row.events_total),
    eventsRead: Number(row.events_read),
    signals: Number(row.signals),
    ...rowFields(row, ['missing', 'extra', 'different', 'error', 'summary']),
  };
}

/**
 * What a run reports as it goes and when done (`$2`…`$6`, the run being `$1`): its counts, and the
 * whole report as its summary.
 */
const PROGRESS_ASSIGNMENTS = `heartbeat_at = now(), cases_total = $2, events_total = $3, events_read = $4,
  signals = $5, summary = $6`;

function progressValues(progress: ReplayProgress): unknown[] {
  return [
    progress.casesTotal,
    progress.eventsTotal,
    progress.eventsRead,
    progress.signals,
    JSON.stringify(progress),
  ];
}

/** The columns of a diff as `ReplayDiffRow` names them. */
const DIFF_COLUMNS = `alert_key AS "alertKey", kind, fields, replay, live`;

export class PgReplayRunStore extends ReplayRunStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async create(run: NewReplayRun, actor: Actor): Promise<ReplayRunRecord> {
    return this.dataSource.transaction(async (manager) => {
      const row = await firstRow<RunRow>(
        manager,
        `INSERT INTO replay_runs (requested_by_id, requested_by, requested_role, address, window_from, window_to,
                                  watermark, departments, catalog_mode, candidate_version, lookback_days)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
        [
          actor.userId,
          actor.username,
          actor.role,
          actor.address,
          run.from,
          run.to,
          run.watermark,
          run.departments,
          run.catalog.mode,
          run.catalog.mode === 'candidate' ? run.catalog.versionId : null,
          run.lookbackDays,
        ],
      );
      if (!row) throw new Error('replay run not stored');
      await recordOperatorAction(manager, actor, 'replay.run', `replay:${row.id}`, {
        from: run.from,
        to: run.to,
        watermark: run.watermark,
        departments: run.departments,
        catalog: run.catalog,
        lookbackDays: run.lookbackDays,
      });
      return recordOf(row);
    });
  }

  async get(id: string): Promise<ReplayRunRecord | null> {
    return readFirstRow(this.dataSource, recordOf, `SELECT * FROM replay_runs WHERE id = $1`, [id]);
  }

  async list(limit: number): Promise<ReplayRunRecord[]> {
    return readRows(
      this.dataSource,
      recordOf,
      `SELECT * FROM replay_runs ORDER BY requested_at DESC, id LIMIT $1`,
      [limit],
    );
  }

  async claimNext(): Promise<ReplayRunRecord | null> {
    return readFirstRow(
      this.dataSource,
      recordOf,
      `UPDATE replay_runs SET status = 'running', started_at = now(), heartbeat_at = now()
        WHERE id = (SELECT id FROM replay_runs WHERE status = 'queued'
                     ORDER BY requested_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [],
    );
  }

  async heartbeat(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE replay_runs SET heartbeat_at = now() WHERE id = $1`, [id]);
  }

  async progress(id: string, progress: ReplayProgress): Promise<void> {
    await this.dataSource.query(`UPDATE replay_runs SET ${PROGRESS_ASSIGNMENTS} WHERE id = $1`, [
      id,
      ...progressValues(progress),
    ]);
  }

  async finish(id: string, outcome: ReplayOutcome): Promise<void> {
    await this.dataSource.query(
      `UPDATE replay_runs SET status = 'done', finished_at = now(), ${PROGRESS_ASSIGNMENTS},
              missing = $7, extra = $8, different = $9
        WHERE id = $1 AND status = 'running'`,
      [id, ...progressValues(outcome), outcome.missing, outcome.extra, outcome.different],
    );
  }

  async fail(id: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE replay_runs SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1`,
      [id, error.slice(0, 4000)],
    );
    await this.dataSource.query(`DELETE FROM replay_run_cases WHERE run_id = $1`, [id]);
  }

  async failAbandoned(staleAfterMs: number): Promise<number> {
    const failed = await rows<{ id: string }>(
      this.dataSource,
      `UPDATE replay_runs SET status = 'failed', finished_at = now(),
              error = 'abandoned: the worker running it stopped before it finished'
        WHERE status = 'running'
          AND coalesce(heartbeat_at, requested_at) < now() - make_interval(secs => $1::double precision / 1000)
        RETURNING id`,
      [staleAfterMs],
    );
    if (failed.length > 0)
      await this.dataSource.query(`DELETE FROM replay_run_cases WHERE run_id = ANY($1::uuid[])`, [
        failed.map((row) => row.id),
      ]);
    return failed.length;
  }

  async signals(
    id: string,
    page: { limit: number; after?: { raisedAt: string; alertKey: string } },
  ): Promise<ReplaySignalRow[]> {
    const found = await rows<SignalRow & { catalog_version: string }>(
      this.dataSource,
      `SELECT ${SIGNAL_ROW_COLUMNS}, catalog_version
         FROM replay_signals
        WHERE run_id = $1 AND ($2::timestamptz IS NULL OR (raised_at, alert_key) > ($2::timestamptz, $3::text))
        ORDER BY raised_at, alert_key LIMIT $4`,
      [id, page.after?.raisedAt ?? null, page.after?.alertKey ?? null, page.limit],
    );
    return found.map((row) => ({
      ...signalFromRow(row),
      catalogVersion: row.catalog_version,
    }));
  }

  async diffs(
    id: string,
    page: { limit: number; kind?: DiffKind; after?: string },
  ): Promise<ReplayDiffRow[]> {
    return rows<ReplayDiffRow>(
      this.dataSource,
      `SELECT ${DIFF_COLUMNS} FROM replay_diffs
        WHERE run_id = $1 AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR alert_key > $3)
        ORDER BY alert_key LIMIT $4`,
      [id, page.kind ?? null, page.after ?? null, page.limit],
    );
  }

  async recordExport(id: string, actor: Actor, details: Record<string, unknown>): Promise<void> {
    await this.dataSource.transaction((manager) =>
      recordOperatorAction(manager, actor, 'replay.export', `replay:${id}`, details),
    );
  }

  async cancel(id: string, actor: Actor): Promise<ReplayRunRecord | null> {
    return this.dataSource.transaction(async (manager) => {
      const row = await firstRow<RunRow>(
        manager,
        `UPDATE replay_runs SET status = 'failed', finished_at = now(), error = $2
          WHERE id = $1 AND status IN ('queued', 'running') RETURNING *`,
        [id, cancelledError(actor)],
      );
      if (!row) return null;
      await recordOperatorAction(manager, actor, 'replay.cancel', `replay:${id}`, {
        wasRunning: row.started_at !== null,
        eventsRead: Number(row.events_read),
      });
      return recordOf(row);
    });
  }

  async discardPartial(id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM replay_run_cases WHERE run_id = $1`, [id]);
      await manager.query(`DELETE FROM replay_signals WHERE run_id = $1`, [id]);
      await manager.query(`DELETE FROM replay_diffs WHERE run_id = $1`, [id]);
    });
  }

  async compare(
    id: string,
    baseId: string,
    page: { limit: number; kind?: DiffKind; after?: string },
  ): Promise<ReplayDiffRow[]> {
    const json = (alias: string) =>
      `jsonb_build_object('alertKey', ${alias}.alert_key, 'caseId', ${alias}.case_id, 'itemCode', ${alias}.item_code,
         'departmentId', ${alias}.department_id, 'ruleId', ${alias}.rule_id, 'stage', ${alias}.stage,
         'level', ${alias}.level,
         'raisedAt', to_char(${alias}.raised_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
         'triggeredBy', ${alias}.triggered_by, 'message', ${alias}.message, 'details', ${alias}.details,
         'catalogVersion', ${alias}.catalog_version)`;
    return rows<ReplayDiffRow>(
      this.dataSource,
      `WITH a AS (SELECT * FROM replay_signals WHERE run_id = $1),
            b AS (SELECT * FROM replay_signals WHERE run_id = $2),
            d AS (
              SELECT coalesce(a.alert_key, b.alert_key) AS alert_key,
                     CASE WHEN b.alert_key IS NULL THEN 'missing' WHEN a.alert_key IS NULL THEN 'extra' ELSE 'different' END AS kind,
                     CASE WHEN a.alert_key IS NULL OR b.alert_key IS NULL THEN '{}'::text[] ELSE array_remove(ARRAY[
                       CASE WHEN a.level IS DISTINCT FROM b.level THEN 'level' END,
                       CASE WHEN a.stage IS DISTINCT FROM b.stage THEN 'stage' END,
                       CASE WHEN a.raised_at IS DISTINCT FROM b.raised_at THEN 'raisedAt' END,
                       CASE WHEN a.triggered_by IS DISTINCT FROM b.triggered_by THEN 'triggeredBy' END,
                       CASE WHEN a.details IS DISTINCT FROM b.details THEN 'details' END], NULL) END AS fields,
                     CASE WHEN a.alert_key IS NOT NULL THEN ${json('a')} END AS replay,
                     CASE WHEN b.alert_key IS NOT NULL THEN ${json('b')} END AS live
                FROM a FULL JOIN b ON b.alert_key = a.alert_key
               WHERE a.alert_key IS NULL OR b.alert_key IS NULL
                  OR a.level IS DISTINCT FROM b.level OR a.stage IS DISTINCT FROM b.stage
                  OR a.raised_at IS DISTINCT FROM b.raised_at OR a.triggered_by IS DISTINCT FROM b.triggered_by
                  OR a.details IS DISTINCT FROM b.details)
       SELECT ${DIFF_COLUMNS} FROM d
        WHERE ($3::text IS NULL OR kind = $3) AND ($4::text IS NULL OR alert_key > $4)
        ORDER BY alert_key LIMIT $5`,
      [id, baseId, page.kind ?? null, page.after ?? null, page.limit],
    );
  }
}
