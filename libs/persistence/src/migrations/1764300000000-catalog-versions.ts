import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The live form of the catalogue (`docs/catalogue.md` § Versions): immutable versions, each with the instant
 * from which it is in force. A `published` version is used by the live pipeline and by "in force"
 * replays from its `effective_from`; a `candidate` version is never live, only replayed (what-if).
 * A trigger refuses every UPDATE and DELETE: a version, once written, is history.
 */
export class CatalogVersions1764300000000 implements MigrationInterface {
  name = 'CatalogVersions1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE catalog_versions (
        id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind             text NOT NULL CHECK (kind IN ('published', 'candidate')),
        effective_from   timestamptz NOT NULL,
        data             jsonb NOT NULL,
        note             text,
        based_on         integer REFERENCES catalog_versions (id),
        author_id        uuid,
        author_username  text NOT NULL,
        author_role      text NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now()
      )`);
    // which version is in force at an instant must not depend on row order
    await db.query(
      `CREATE UNIQUE INDEX catalog_versions_published_instant ON catalog_versions (effective_from)
         WHERE kind = 'published'`,
    );
    await db.query(`
      CREATE FUNCTION catalog_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'catalogue versions are immutable: create a new version instead';
      END $$`);
    await db.query(`
      CREATE TRIGGER catalog_versions_immutable BEFORE UPDATE OR DELETE ON catalog_versions
        FOR EACH ROW EXECUTE FUNCTION catalog_versions_immutable()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS catalog_versions`);
    await db.query(`DROP FUNCTION IF EXISTS catalog_versions_immutable()`);
  }
}
