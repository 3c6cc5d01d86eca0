import { MigrationInterface, QueryRunner } from 'typeorm';
import { dropTables } from './drop-tables';

/**
 * Notifications where people are (ADR 14): a department's contacts, group robots and
 * subscriptions; the office's mail server and SMS gateway; every outbound message with its
 * attempts (the delivery log); the steps of 督办 escalation; printed notices with their yearly
 * numbers. Secrets and robot URLs are stored sealed (`v1:` AES-256-GCM, SECRETS_KEY).
 */
export class OutboundNotifications1764700000000 implements MigrationInterface {
  name = 'OutboundNotifications1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE department_contacts (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        department_id  text NOT NULL,
        position       integer NOT NULL,
        role           text NOT NULL CHECK (role IN ('contact', 'head', 'handler')),
        name           text NOT NULL CHECK (length(btrim(name)) > 0),
        email          text,
        mobile         text,
        actor_id       text
      )`);
    await db.query(
      `CREATE INDEX department_contacts_department ON department_contacts (department_id, position)`,
    );
    await db.query(`
      CREATE TABLE department_robots (
        department_id        text NOT NULL,
        kind                 text NOT NULL CHECK (kind IN ('dingtalk', 'wecom')),
        label                text NOT NULL,
        url_sealed           text NOT NULL,
        url_hint             text NOT NULL,
        sign_secret_sealed   text,
        enabled              boolean NOT NULL DEFAULT true,
        updated_at           timestamptz NOT NULL DEFAULT now(),
        updated_by_username  text NOT NULL,
        PRIMARY KEY (department_id, kind)
      )`);
    await db.query(`
      CREATE TABLE notification_subscriptions (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        department_id  text NOT NULL,
        position       integer NOT NULL,
        channel        text NOT NULL CHECK (channel IN ('email', 'dingtalk', 'wecom', 'sms')),
        levels         text[] NOT NULL,
        families       text[] NOT NULL DEFAULT '{}',
        audience       text[] NOT NULL DEFAULT '{}',
        enabled        boolean NOT NULL DEFAULT true
      )`);
    await db.query(
      `CREATE INDEX notification_subscriptions_department ON notification_subscriptions (department_id, position)`,
    );
    await db.query(`
      CREATE TABLE outbound_transports (
        kind                 text PRIMARY KEY CHECK (kind IN ('smtp', 'sms')),
        settings             jsonb NOT NULL,
        secret_sealed        text,
        updated_at           timestamptz NOT NULL DEFAULT now(),
        updated_by_username  text NOT NULL
      )`);
    await db.query(`
      CREATE TABLE outbound_messages (
        id                 bigserial PRIMARY KEY,
        dedupe_key         text NOT NULL UNIQUE,
        purpose            text NOT NULL,
        department_id      text NOT NULL,
        alert_key          text,
        channel            text NOT NULL CHECK (channel IN ('email', 'dingtalk', 'wecom', 'sms')),
        recipient_address  text NOT NULL,
        recipient_name     text NOT NULL,
        recipient_hint     text NOT NULL,
        mention_mobiles    text[] NOT NULL DEFAULT '{}',
        level              text,
        subject            text NOT NULL,
        text               text NOT NULL,
        html               text NOT NULL,
        short_text         text NOT NULL,
        status             text NOT NULL CHECK (status IN ('held', 'pending', 'delivered', 'dead', 'merged')),
        not_before         timestamptz NOT NULL,
        attempts           integer NOT NULL DEFAULT 0,
        next_attempt_at    timestamptz NOT NULL,
        lease_until        timestamptz,
        last_answer        text,
        merged_into        bigint REFERENCES outbound_messages (id),
        created_at         timestamptz NOT NULL DEFAULT now(),
        delivered_at       timestamptz
      )`);
    await db.query(
      `CREATE INDEX outbound_messages_due ON outbound_messages (channel, next_attempt_at) WHERE status = 'pending'`,
    );
    await db.query(
      `CREATE INDEX outbound_messages_held ON outbound_messages (not_before) WHERE status = 'held'`,
    );
    await db.query(`CREATE INDEX outbound_messages_department ON outbound_messages (department_id, id DESC)`);
    await db.query(
      `CREATE INDEX outbound_messages_alert ON outbound_messages (alert_key) WHERE alert_key IS NOT NULL`,
    );
    await db.query(`
      CREATE TABLE outbound_attempts (
        id           bigserial PRIMARY KEY,
        message_id   bigint NOT NULL REFERENCES outbound_messages (id),
        attempt      integer NOT NULL,
        at           timestamptz NOT NULL,
        ok           boolean NOT NULL,
        answer       text NOT NULL,
        duration_ms  integer NOT NULL
      )`);
    await db.query(`CREATE INDEX outbound_attempts_message ON outbound_attempts (message_id, attempt)`);
    await db.query(`
      CREATE TABLE signal_escalations (
        alert_key  text NOT NULL REFERENCES signals (alert_key),
        step       text NOT NULL CHECK (step IN ('head', 'office')),
        at         timestamptz NOT NULL,
        next_due_at timestamptz,
        PRIMARY KEY (alert_key, step)
      )`);
    await db.query(
      `CREATE INDEX signal_escalations_next ON signal_escalations (next_due_at) WHERE step = 'head'`,
    );
    await db.query(`
      CREATE TABLE notice_counters (
        year  integer PRIMARY KEY,
        last  integer NOT NULL
      )`);
    await db.query(`
      CREATE TABLE notices (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind                text NOT NULL CHECK (kind IN ('supervision', 'recommendation')),
        year                integer NOT NULL,
        number              integer NOT NULL,
        alert_key           text NOT NULL REFERENCES signals (alert_key),
        case_id             text NOT NULL,
        department_id       text NOT NULL,
        issued_by_username  text NOT NULL,
        issued_at           timestamptz NOT NULL,
        response_due_at     timestamptz,
        pdf                 bytea NOT NULL,
        sha256              text NOT NULL,
        UNIQUE (year, number)
      )`);
    await db.query(`CREATE INDEX notices_alert ON notices (alert_key, issued_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await dropTables(db, [
      'notices',
      'notice_counters',
      'signal_escalations',
      'outbound_attempts',
      'outbound_messages',
      'outbound_transports',
      'notification_subscriptions',
      'department_robots',
      'department_contacts',
    ]);
  }
}
