import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The supervision lifecycle of a signal (督办 → 签收 → 说明/整改 → 销号), its response deadline
 * (督办期限), overdue flag and escalation link, and the audit trail of every transition.
 *
 * The pipeline inserts and retracts signals; the console registers what it finds with
 * `recorded_status` different from `status` (deadline, rule family, escalation, audit entry), so
 * every status change is in `signal_transitions`, whoever made it.
 */
export class SignalLifecycle1764200000001 implements MigrationInterface {
  name = 'SignalLifecycle1764200000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE signals
        ADD COLUMN rule_family      text,
        ADD COLUMN recorded_status  text,
        ADD COLUMN response_due_at  timestamptz,
        ADD COLUMN overdue_at       timestamptz,
        ADD COLUMN escalated_to     text REFERENCES signals (alert_key),
        ADD COLUMN acknowledged_at  timestamptz,
        ADD COLUMN responded_at     timestamptz,
        ADD COLUMN response_kind    text CHECK (response_kind IN ('explanation', 'correction')),
        ADD COLUMN response_text    text,
        ADD COLUMN closed_at        timestamptz,
        ADD COLUMN verdict          text CHECK (verdict IN ('justified', 'corrected', 'violation_confirmed'))`);
    await db.query(
      `ALTER TABLE signals ADD CONSTRAINT signals_status
         CHECK (status IN ('open', 'acknowledged', 'responded', 'closed', 'retracted'))`,
    );
    await db.query(
      `CREATE INDEX signals_unrecorded ON signals (created_at) WHERE recorded_status IS DISTINCT FROM status`,
    );
    await db.query(
      `CREATE INDEX signals_response_due ON signals (response_due_at)
         WHERE overdue_at IS NULL AND response_due_at IS NOT NULL AND status IN ('open', 'acknowledged')`,
    );
    await db.query(
      `CREATE INDEX signals_escalated_to ON signals (escalated_to) WHERE escalated_to IS NOT NULL`,
    );
    await db.query(`CREATE INDEX signals_status ON signals (department_id, status, level)`);
    await db.query(`
      CREATE TABLE signal_transitions (
        id              bigserial PRIMARY KEY,
        alert_key       text NOT NULL REFERENCES signals (alert_key),
        action          text NOT NULL,
        from_status     text,
        to_status       text NOT NULL,
        actor_id        uuid,
        actor_username  text NOT NULL,
        actor_role      text NOT NULL,
        address         text,
        at              timestamptz NOT NULL DEFAULT now(),
        response_kind   text,
        verdict         text,
        text            text,
        details         jsonb NOT NULL DEFAULT '{}'
      )`);
    await db.query(`CREATE INDEX signal_transitions_signal ON signal_transitions (alert_key, id)`);
    await db.query(`CREATE INDEX signal_transitions_at ON signal_transitions (at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS signal_transitions`);
    await db.query(`DROP INDEX IF EXISTS signals_status`);
    await db.query(`DROP INDEX IF EXISTS signals_escalated_to`);
    await db.query(`DROP INDEX IF EXISTS signals_response_due`);
    await db.query(`DROP INDEX IF EXISTS signals_unrecorded`);
    await db.query(`ALTER TABLE signals DROP CONSTRAINT IF EXISTS signals_status`);
    await db.query(`
      ALTER TABLE signals
        DROP COLUMN verdict, DROP COLUMN closed_at, DROP COLUMN response_text, DROP COLUMN response_kind,
        DROP COLUMN responded_at, DROP COLUMN acknowledged_at, DROP COLUMN escalated_to,
        DROP COLUMN overdue_at, DROP COLUMN response_due_at, DROP COLUMN recorded_status,
        DROP COLUMN rule_family`);
  }
}
