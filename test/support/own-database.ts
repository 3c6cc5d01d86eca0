// Removal of a database that a test or a benchmark run made for itself on the shared server.
import { Client } from 'pg';
import { databaseUrl, type AppConfig } from '@app/platform';

/** Drops the database, closing the sessions still open on it. */
export async function dropDatabase(config: AppConfig, name: string): Promise<void> {
  const admin = new Client({ connectionString: databaseUrl(config, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
