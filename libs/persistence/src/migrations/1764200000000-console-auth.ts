import { MigrationInterface, QueryRunner } from 'typeorm';
import { dropTables } from './drop-tables';

/**
 * Console users and the access audit: who may log in (scrypt password hashes, never plain text),
 * every refused access, every operator action (silences, webhooks, users), and the development
 * signing key of login tokens (production takes JWT_SECRET from the environment instead).
 */
export class ConsoleAuth1764200000000 implements MigrationInterface {
  name = 'ConsoleAuth1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE users (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username       text NOT NULL,
        display_name   text NOT NULL,
        role           text NOT NULL
                       CHECK (role IN ('supervisor', 'department_officer', 'auditor', 'administrator')),
        department_id  text,
        password_hash  text NOT NULL,
        active         boolean NOT NULL DEFAULT true,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_officer_has_department
          CHECK ((role = 'department_officer') = (department_id IS NOT NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX users_username ON users (lower(username))`);
    await db.query(`
      CREATE TABLE app_secrets (
        name        text PRIMARY KEY,
        value       text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE access_refusals (
        id             bigserial PRIMARY KEY,
        at             timestamptz NOT NULL DEFAULT now(),
        channel        text NOT NULL CHECK (channel IN ('http', 'socket')),
        user_id        uuid,
        username       text,
        role           text,
        department_id  text,
        address        text,
        method         text,
        target         text NOT NULL,
        status         integer NOT NULL,
        reason         text NOT NULL
      )`);
    await db.query(`CREATE INDEX access_refusals_at ON access_refusals (at DESC)`);
    await db.query(`CREATE INDEX access_refusals_username ON access_refusals (username, at DESC)`);
    await db.query(`
      CREATE TABLE operator_audit (
        id              bigserial PRIMARY KEY,
        at              timestamptz NOT NULL DEFAULT now(),
        actor_id        uuid,
        actor_username  text NOT NULL,
        actor_role      text NOT NULL,
        address         text,
        action          text NOT NULL,
        target          text NOT NULL,
        details         jsonb NOT NULL DEFAULT '{}'
      )`);
    await db.query(`CREATE INDEX operator_audit_at ON operator_audit (at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await dropTables(db, ['operator_audit', 'access_refusals', 'app_secrets', 'users']);
  }
}
