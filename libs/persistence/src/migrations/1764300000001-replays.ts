import { MigrationInterface, QueryRunner } from 'typeorm';
import { dropTables } from './drop-tables';

/**
 * Auditor replays: each run (who asked, the window, departments, catalogue selection, progress,
 * outcome), the signals it produced, and its diff against the live signals, kept apart from the
 * live tables so a replay never touches them. `replay_run_cases` is the scratch list of a running
 * replay's cases (unlogged: it is rebuilt if lost, and emptied when the run ends).
 */
export class Replays1764300000001 implements MigrationInterface {
  name = 'Replays1764300000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE replay_runs (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        requested_by_id     uuid,
        requested_by        text NOT NULL,
        requested_role      text NOT NULL,
        address             text,
        requested_at        timestamptz NOT NULL DEFAULT now(),
        window_from         timestamptz NOT NULL,
        window_to           timestamptz NOT NULL,
        watermark           timestamptz NOT NULL,
        departments         text[],
        catalog_mode        text NOT NULL CHECK (catalog_mode IN ('in-force', 'candidate')),
        candidate_version   integer REFERENCES catalog_versions (id),
        lookback_days       integer NOT NULL,
        status              text NOT NULL DEFAULT 'queued'
                            CHECK (status IN ('queued', 'running', 'done', 'failed')),
        started_at          timestamptz,
        finished_at         timestamptz,
        heartbeat_at        timestamptz,
        cases_total         integer,
        events_total        bigint,
        events_read         bigint NOT NULL DEFAULT 0,
        signals             bigint NOT NULL DEFAULT 0,
        missing             integer,
        extra               integer,
        different           integer,
        error               text,
        summary             jsonb NOT NULL DEFAULT '{}',
        CONSTRAINT replay_runs_window CHECK (window_to > window_from),
        CONSTRAINT replay_runs_candidate CHECK ((catalog_mode = 'candidate') = (candidate_version IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX replay_runs_requested ON replay_runs (requested_at DESC)`);
    await db.query(`
      CREATE UNLOGGED TABLE replay_run_cases (
        run_id    uuid NOT NULL REFERENCES replay_runs (id) ON DELETE CASCADE,
        case_id   text NOT NULL,
        last_seq  bigint NOT NULL,
        PRIMARY KEY (run_id, case_id)
      )`);
    await db.query(`
      CREATE TABLE replay_signals (
        run_id           uuid NOT NULL REFERENCES replay_runs (id) ON DELETE CASCADE,
        alert_key        text NOT NULL,
        case_id          text NOT NULL,
        item_code        text NOT NULL,
        department_id    text NOT NULL,
        rule_id          text NOT NULL,
        stage            text NOT NULL,
        level            text NOT NULL,
        raised_at        timestamptz NOT NULL,
        triggered_by     text NOT NULL,
        message          text NOT NULL,
        details          jsonb NOT NULL,
        catalog_version  text NOT NULL,
        PRIMARY KEY (run_id, alert_key)
      )`);
    await db.query(`CREATE INDEX replay_signals_order ON replay_signals (run_id, raised_at, alert_key)`);
    await db.query(`
      CREATE TABLE replay_diffs (
        run_id       uuid NOT NULL REFERENCES replay_runs (id) ON DELETE CASCADE,
        alert_key    text NOT NULL,
        kind         text NOT NULL CHECK (kind IN ('missing', 'extra', 'different')),
        fields       text[] NOT NULL DEFAULT '{}',
        replay       jsonb,
        live         jsonb,
        PRIMARY KEY (run_id, alert_key)
      )`);
    await db.query(`CREATE INDEX replay_diffs_kind ON replay_diffs (run_id, kind, alert_key)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await dropTables(db, ['replay_diffs', 'replay_signals', 'replay_run_cases', 'replay_runs']);
  }
}
