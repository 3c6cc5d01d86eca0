import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions that follow the truth (issue 17): a login token carries the `sessions_valid_from` of its
 * user at login, and is refused once it differs. A trigger moves it whenever what a session was
 * granted on changes (role, department, active, password), whichever code path updates the row, so
 * every token issued before stops working at once, and the wall's sockets are closed within a
 * second (`WallSessionWatch`).
 */
export class UserSessions1764600000000 implements MigrationInterface {
  name = 'UserSessions1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN sessions_valid_from timestamptz NOT NULL DEFAULT now()`);
    await db.query(`
      CREATE FUNCTION users_end_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.role IS DISTINCT FROM OLD.role OR NEW.department_id IS DISTINCT FROM OLD.department_id
           OR NEW.active IS DISTINCT FROM OLD.active OR NEW.password_hash IS DISTINCT FROM OLD.password_hash THEN
          NEW.sessions_valid_from := clock_timestamp();
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER users_end_sessions BEFORE UPDATE ON users
        FOR EACH ROW EXECUTE FUNCTION users_end_sessions()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER users_end_sessions ON users`);
    await db.query(`DROP FUNCTION users_end_sessions()`);
    await db.query(`ALTER TABLE users DROP COLUMN sessions_valid_from`);
  }
}
