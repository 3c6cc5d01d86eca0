import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every event moves its case row (counters, fold version, and most often its phase or next due
 * instant). With `phase` and `next_due_at` indexed, none of those updates could stay heap-only
 * (HOT): each wrote a new entry into every index of `cases`, the primary key included. Without them
 * the row's update touches no index and uses the room `fillfactor = 70` leaves on each page.
 *
 * - `cases_due (partition, next_due_at)` served only the pending deadlines read when a pipeline
 *   instance is assigned partitions (`pendingDeadlines`): a sequential scan of `cases` then, once
 *   per assignment, instead of an index entry per event.
 * - `cases_department` keeps serving an officer's own cases by department; the phase it also held
 *   is filtered on the rows it finds (the wall's counts read a whole department anyway).
 *
 * Pages written before this migration are full; their rows get room as they are rewritten.
 */
export class CaseRowHotUpdates1764800000000 implements MigrationInterface {
  name = 'CaseRowHotUpdates1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX cases_due`);
    await db.query(`DROP INDEX cases_department`);
    await db.query(`CREATE INDEX cases_department ON cases (department_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX cases_department`);
    await db.query(`CREATE INDEX cases_department ON cases (department_id, phase)`);
    await db.query(`CREATE INDEX cases_due ON cases (partition, next_due_at) WHERE next_due_at IS NOT NULL`);
  }
}
