import { DataSource } from 'typeorm';

export interface OutboxRow {
  sequence: number;
  departmentId: string;
  /** The message as published: the stored body with its sequence, encoded by PostgreSQL. */
  value: string;
}

/**
 * Relays the transactional outbox in sequence order. A transaction-scoped advisory lock makes one
 * relay at a time publish, so signal changes reach `supervision.alerts` in commit order per case,
 * even with several pipeline instances. Rows are marked published only after `publish` resolved.
 *
 * A relay waits for the lock (at most `LOCK_WAIT`) rather than giving up: the holder may have read
 * the outbox before the rows this relay was kicked for were committed, and giving up left those
 * rows to the next periodic sweep, up to a second later, on the wall.
 */
export class PgOutbox {
  private static readonly LOCK_ID = 0x6a69616e; // "jian"
  /** A holder blocked longer (Kafka down) makes the waiter fail; its next sweep tries again. */
  static readonly LOCK_WAIT = '5s';

  constructor(private readonly dataSource: DataSource) {}

  async relay(limit: number, publish: (rows: OutboxRow[]) => Promise<void>): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const query = <Row>(sql: string, parameters: unknown[]) => manager.query<Row[]>(sql, parameters);
      // one round trip: the bound on the wait (local to this transaction), then the wait
      await query(
        `SELECT pg_advisory_xact_lock($2) FROM (SELECT set_config('lock_timeout', $1, true)) AS bounded`,
        [PgOutbox.LOCK_WAIT, PgOutbox.LOCK_ID],
      );
      // the message text comes straight from the stored jsonb: nothing decoded and encoded again here
      const rows = await query<{ sequence: string; department_id: string; value: string }>(
        `SELECT sequence, department_id, (body || jsonb_build_object('sequence', sequence))::text AS value
           FROM signal_outbox WHERE published_at IS NULL ORDER BY sequence LIMIT $1`,
        [limit],
      );
      if (rows.length === 0) return 0;
      await publish(
        rows.map((r) => ({ sequence: Number(r.sequence), departmentId: r.department_id, value: r.value })),
      );
      await query(`UPDATE signal_outbox SET published_at = now() WHERE sequence = ANY($1::bigint[])`, [
        rows.map((r) => r.sequence),
      ]);
      return rows.length;
    });
  }
}
