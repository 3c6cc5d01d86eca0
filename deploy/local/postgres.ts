import { Client } from 'pg';
import { databaseUrl, type AppConfig } from '@app/platform';
import { runMigrations } from '@app/persistence';
import { say } from './progress';

/** The database the integration and end-to-end suites use (the demo uses DATABASE_NAME). */
export const TEST_DATABASE = 'jiancha_test';

export interface EnsureDatabasesOptions {
  /** Run the TypeORM migrations in each database (default true). */
  migrate?: boolean;
}

export interface EnsureDatabasesResult {
  /** The databases this call created. */
  created: string[];
  /** Per database, the migrations this call applied (empty when it was up to date). */
  migrations: Record<string, string[]>;
}

const databaseName = /^[a-z_][a-z0-9_]*$/;

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: 'jiancha-launcher' });
  try {
    await client.connect();
    return client;
  } catch (error) {
    const where = new URL(url);
    throw new Error(
      `PostgreSQL is not reachable at ${where.hostname}:${where.port || 5432} as ${where.username || 'postgres'} ` +
        `(${(error as Error).message}); start it or set PGHOST/PGPORT/PGUSER/PGPASSWORD or DATABASE_URL`,
    );
  }
}

/**
 * Creates each database that is missing on the configured server (through the maintenance database
 * `postgres`), then brings each one to the latest migration. Concurrent callers are serialized by an
 * advisory lock, so two test runs starting together neither race on CREATE DATABASE nor migrate twice.
 */
export async function ensureDatabases(
  config: AppConfig,
  names: readonly string[],
  options: EnsureDatabasesOptions = {},
): Promise<EnsureDatabasesResult> {
  const wanted = [...new Set(names)];
  for (const name of wanted) {
    if (!databaseName.test(name)) throw new Error(`invalid database name ${JSON.stringify(name)}`);
  }
  const result: EnsureDatabasesResult = { created: [], migrations: {} };
  const maintenance = await connect(databaseUrl(config, 'postgres'));
  try {
    for (const name of wanted) {
      await maintenance.query('SELECT pg_advisory_lock(hashtext($1))', [`jiancha-launcher:${name}`]);
      try {
        const exists = await maintenance.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (exists.rowCount === 0) {
          await maintenance.query(`CREATE DATABASE "${name}"`);
          result.created.push(name);
          say(`created database ${name}`);
        }
        if (options.migrate ?? true) {
          const applied = await runMigrations(databaseUrl(config, name));
          result.migrations[name] = applied;
          say(
            applied.length > 0
              ? `database ${name}: applied ${applied.length} migration(s): ${applied.join(', ')}`
              : `database ${name}: migrations up to date`,
          );
        }
      } finally {
        await maintenance.query('SELECT pg_advisory_unlock(hashtext($1))', [`jiancha-launcher:${name}`]);
      }
    }
  } finally {
    await maintenance.end();
  }
  return result;
}

/**
 * Drops the database (closing its sessions) and creates it again with every migration: a fresh
 * start for `npm run demo`, whose history is loaded anew each time.
 */
export async function recreateDatabase(config: AppConfig, name: string): Promise<EnsureDatabasesResult> {
  if (!databaseName.test(name)) throw new Error(`invalid database name ${JSON.stringify(name)}`);
  const maintenance = await connect(databaseUrl(config, 'postgres'));
  try {
    await maintenance.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await maintenance.end();
  }
  return ensureDatabases(config, [name]);
}
