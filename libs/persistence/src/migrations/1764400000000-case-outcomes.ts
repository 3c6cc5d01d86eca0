import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The performance evaluation (绩效评估) reads how each case ended from the case projection: when
 * its clock stopped, with which result, the units it used of its limits and whether it was on
 * time. The pipeline writes them with every re-fold; rows of cases folded before this migration
 * hold nulls until `npm run rebuild` (or their next event) re-folds them.
 *
 * Month reports select by the instant a clock stopped and by the instant a signal was raised,
 * across every department: one index each.
 */
export class CaseOutcomes1764400000000 implements MigrationInterface {
  name = 'CaseOutcomes1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE cases
        ADD COLUMN kind              text CHECK (kind IN ('licensing', 'penalty')),
        ADD COLUMN result            text CHECK (result IN ('approved', 'denied', 'withdrawn', 'decided')),
        ADD COLUMN clock_stopped_at  timestamptz,
        ADD COLUMN time_used_days    integer,
        ADD COLUMN promised_days     integer,
        ADD COLUMN legal_days        integer,
        ADD COLUMN on_time           boolean`);
    await db.query(
      `CREATE INDEX cases_clock_stopped ON cases (clock_stopped_at) WHERE clock_stopped_at IS NOT NULL`,
    );
    await db.query(`CREATE INDEX signals_raised_at ON signals (raised_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS signals_raised_at`);
    await db.query(`DROP INDEX IF EXISTS cases_clock_stopped`);
    await db.query(`
      ALTER TABLE cases
        DROP COLUMN on_time, DROP COLUMN legal_days, DROP COLUMN promised_days, DROP COLUMN time_used_days,
        DROP COLUMN clock_stopped_at, DROP COLUMN result, DROP COLUMN kind`);
  }
}
