import { MigrationInterface, QueryRunner } from 'typeorm';
import { dropTables } from './drop-tables';

/**
 * Department notifications: the changes received from `supervision.alerts` (unique by outbox
 * sequence, so a redelivery changes nothing), the digests they are grouped into, one delivery per
 * digest and channel, the persistent inbox, signed webhooks with their delivery log, and silences.
 */
export class Notifications1764200000002 implements MigrationInterface {
  name = 'Notifications1764200000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE silences (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        department_id        text,
        rule_id              text,
        reason               text NOT NULL CHECK (length(btrim(reason)) > 0),
        created_by           uuid,
        created_by_username  text NOT NULL,
        created_at           timestamptz NOT NULL DEFAULT now(),
        starts_at            timestamptz NOT NULL DEFAULT now(),
        ends_at              timestamptz NOT NULL,
        expired_at           timestamptz,
        expired_by_username  text,
        CONSTRAINT silences_match_something CHECK (department_id IS NOT NULL OR rule_id IS NOT NULL),
        CONSTRAINT silences_ends_after_start CHECK (ends_at > starts_at)
      )`);
    await db.query(`CREATE INDEX silences_active ON silences (ends_at) WHERE expired_at IS NULL`);
    await db.query(`
      CREATE TABLE notification_items (
        id             bigserial PRIMARY KEY,
        sequence       bigint NOT NULL UNIQUE,
        department_id  text NOT NULL,
        alert_key      text NOT NULL,
        rule_id        text NOT NULL,
        level          text NOT NULL,
        kind           text NOT NULL,
        change         jsonb NOT NULL,
        received_at    timestamptz NOT NULL DEFAULT now(),
        settled_at     timestamptz,
        digest_id      bigint,
        suppressed_by  text
      )`);
    await db.query(
      `CREATE INDEX notification_items_pending ON notification_items (department_id, sequence) WHERE settled_at IS NULL`,
    );
    await db.query(`CREATE INDEX notification_items_digest ON notification_items (digest_id)`);
    await db.query(`
      CREATE TABLE notification_schedule (
        department_id   text PRIMARY KEY,
        last_digest_at  timestamptz
      )`);
    await db.query(`
      CREATE TABLE notification_digests (
        id              bigserial PRIMARY KEY,
        department_id   text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        item_count      integer NOT NULL,
        first_sequence  bigint NOT NULL,
        last_sequence   bigint NOT NULL,
        body            jsonb NOT NULL
      )`);
    await db.query(
      `CREATE INDEX notification_digests_department ON notification_digests (department_id, id DESC)`,
    );
    await db.query(`
      CREATE TABLE notification_deliveries (
        digest_id       bigint NOT NULL REFERENCES notification_digests (id),
        channel         text NOT NULL,
        status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done')),
        attempts        integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error      text,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (digest_id, channel)
      )`);
    await db.query(
      `CREATE INDEX notification_deliveries_pending ON notification_deliveries (next_attempt_at) WHERE status = 'pending'`,
    );
    await db.query(`
      CREATE TABLE inbox_messages (
        id                        bigserial PRIMARY KEY,
        department_id             text NOT NULL,
        digest_id                 bigint NOT NULL UNIQUE REFERENCES notification_digests (id),
        title                     text NOT NULL,
        body                      jsonb NOT NULL,
        created_at                timestamptz NOT NULL DEFAULT now(),
        read_at                   timestamptz,
        read_by_username          text,
        acknowledged_at           timestamptz,
        acknowledged_by_username  text
      )`);
    await db.query(`CREATE INDEX inbox_messages_department ON inbox_messages (department_id, id DESC)`);
    await db.query(`
      CREATE TABLE department_webhooks (
        department_id        text PRIMARY KEY,
        url                  text NOT NULL,
        secret               text NOT NULL,
        enabled              boolean NOT NULL DEFAULT true,
        created_at           timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now(),
        updated_by_username  text NOT NULL
      )`);
    await db.query(`
      CREATE TABLE webhook_deliveries (
        id                bigserial PRIMARY KEY,
        digest_id         bigint NOT NULL UNIQUE REFERENCES notification_digests (id),
        department_id     text NOT NULL,
        url               text NOT NULL,
        body              text NOT NULL,
        status            text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
        attempts          integer NOT NULL DEFAULT 0,
        next_attempt_at   timestamptz NOT NULL DEFAULT now(),
        lease_until       timestamptz,
        last_status_code  integer,
        last_error        text,
        created_at        timestamptz NOT NULL DEFAULT now(),
        delivered_at      timestamptz,
        dead_at           timestamptz
      )`);
    await db.query(
      `CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`,
    );
    await db.query(`CREATE INDEX webhook_deliveries_status ON webhook_deliveries (status, id DESC)`);
    await db.query(`
      CREATE TABLE webhook_attempts (
        id           bigserial PRIMARY KEY,
        delivery_id  bigint NOT NULL REFERENCES webhook_deliveries (id),
        attempt      integer NOT NULL,
        at           timestamptz NOT NULL DEFAULT now(),
        status_code  integer,
        error        text,
        duration_ms  integer NOT NULL
      )`);
    await db.query(`CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, attempt)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await dropTables(db, [
      'webhook_attempts',
      'webhook_deliveries',
      'department_webhooks',
      'inbox_messages',
      'notification_deliveries',
      'notification_digests',
      'notification_schedule',
      'notification_items',
      'silences',
    ]);
  }
}
