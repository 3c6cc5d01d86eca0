import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cross-case rules read other cases' history: FEE_DUPLICATE_RECEIPT the earliest use of a receipt
 * number, PENALTY_PEER_DEVIATION the last decisions of a violation code and tier. Partial
 * expression indexes keep both lookups to an index range scan.
 */
export class CrossCaseHistoryIndexes1764100500000 implements MigrationInterface {
  name = 'CrossCaseHistoryIndexes1764100500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX audit_events_receipts ON audit_events ((event->'payload'->>'receiptNo'), occurred_at, seq)
        WHERE type IN ('fee.paid', 'penalty.paid')`,
    );
    await db.query(
      `CREATE INDEX audit_events_decisions
          ON audit_events ((event->'payload'->>'violationCode'), (event->'payload'->>'tier'), occurred_at, seq)
        WHERE type = 'penalty.decided'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS audit_events_decisions`);
    await db.query(`DROP INDEX IF EXISTS audit_events_receipts`);
  }
}
