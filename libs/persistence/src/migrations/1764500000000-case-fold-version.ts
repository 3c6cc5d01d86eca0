import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The pipeline keeps each case's fold in memory and applies new events to it (ADR 0009). The case
 * row counts the folds written for it: a pipeline instance whose remembered count differs from the
 * row's (another instance wrote the case after a rebalance, or a transaction of its own rolled
 * back) folds the case again from its stored events. Rows written before this migration start at 0.
 *
 * Every batch rewrites the rows of its cases, most often only their counters and version: with
 * room left on each page those updates stay heap-only (HOT) and touch no index.
 */
export class CaseFoldVersion1764500000000 implements MigrationInterface {
  name = 'CaseFoldVersion1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE cases ADD COLUMN fold_version bigint NOT NULL DEFAULT 0`);
    await db.query(`ALTER TABLE cases SET (fillfactor = 70)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE cases RESET (fillfactor)`);
    await db.query(`ALTER TABLE cases DROP COLUMN fold_version`);
  }
}
