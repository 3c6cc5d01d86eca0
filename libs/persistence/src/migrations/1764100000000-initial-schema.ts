import { MigrationInterface, QueryRunner } from 'typeorm';
import { dropTables } from './drop-tables';

/**
 * The supervision store. Audit events are append-only and unique by eventId; dead letters are
 * unique by their Kafka coordinates, so a redelivered batch changes nothing a second time.
 */
export class InitialSchema1764100000000 implements MigrationInterface {
  name = 'InitialSchema1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_events (
        seq            bigserial PRIMARY KEY,
        event_id       text NOT NULL UNIQUE,
        case_id        text NOT NULL,
        item_code      text NOT NULL,
        department_id  text NOT NULL,
        type           text NOT NULL,
        occurred_at    timestamptz NOT NULL,
        reported_at    timestamptz,
        event          jsonb NOT NULL,
        topic          text NOT NULL,
        partition      integer NOT NULL,
        kafka_offset   bigint NOT NULL,
        arrived_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX audit_events_case ON audit_events (case_id, occurred_at, seq)`);
    await db.query(`CREATE INDEX audit_events_occurred ON audit_events (occurred_at, seq)`);
    await db.query(`
      CREATE TABLE dead_letters (
        id             bigserial PRIMARY KEY,
        topic          text NOT NULL,
        partition      integer NOT NULL,
        kafka_offset   bigint NOT NULL,
        message_key    text,
        raw            bytea NOT NULL,
        reason         text NOT NULL,
        received_at    timestamptz NOT NULL DEFAULT now(),
        UNIQUE (topic, partition, kafka_offset)
      )`);
    await db.query(`
      CREATE TABLE cases (
        case_id            text PRIMARY KEY,
        item_code          text NOT NULL,
        department_id      text NOT NULL,
        partition          integer NOT NULL,
        phase              text NOT NULL,
        accepted_at        timestamptz,
        promised_deadline  timestamptz,
        legal_deadline     timestamptz,
        next_due_at        timestamptz,
        event_count        integer NOT NULL,
        last_occurred_at   timestamptz NOT NULL,
        updated_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX cases_department ON cases (department_id, phase)`);
    await db.query(`CREATE INDEX cases_due ON cases (partition, next_due_at) WHERE next_due_at IS NOT NULL`);
    await db.query(`
      CREATE TABLE signals (
        alert_key        text PRIMARY KEY,
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
        status           text NOT NULL DEFAULT 'open',
        retracted_reason text,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX signals_department ON signals (department_id, raised_at DESC)`);
    await db.query(`CREATE INDEX signals_case ON signals (case_id)`);
    await db.query(`
      CREATE TABLE signal_outbox (
        sequence       bigserial PRIMARY KEY,
        alert_key      text NOT NULL,
        department_id  text NOT NULL,
        kind           text NOT NULL,
        body           jsonb NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        published_at   timestamptz
      )`);
    await db.query(
      `CREATE INDEX signal_outbox_unpublished ON signal_outbox (sequence) WHERE published_at IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await dropTables(db, ['signal_outbox', 'signals', 'cases', 'dead_letters', 'audit_events']);
  }
}
