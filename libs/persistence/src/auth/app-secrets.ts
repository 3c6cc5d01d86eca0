import { DataSource } from 'typeorm';
import { rows } from '../signals/sql';

/**
 * Secrets the system generates for itself and shares between instances and restarts, e.g. the
 * development signing key of login tokens. The first instance to ask creates it.
 */
export class PgAppSecrets {
  constructor(private readonly dataSource: DataSource) {}

  async getOrCreate(name: string, generate: () => string): Promise<string> {
    await this.dataSource.query(
      `INSERT INTO app_secrets (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [name, generate()],
    );
    const found = await rows<{ value: string }>(
      this.dataSource,
      `SELECT value FROM app_secrets WHERE name = $1`,
      [name],
    );
    const value = found[0]?.value;
    if (value === undefined) throw new Error(`app secret ${name} could not be created`);
    return value;
  }
}
