import { QueryRunner } from 'typeorm';

/**
 * The `down` of a migration that created tables: drops them in the order given (dependents
 * first), each only if it is there.
 */
export async function dropTables(db: QueryRunner, tables: string[]): Promise<void> {
  for (const table of tables) {
    await db.query(`DROP TABLE IF EXISTS ${table}`);
  }
}
