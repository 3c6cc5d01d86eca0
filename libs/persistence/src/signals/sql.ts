/** Anything that runs SQL: a DataSource, an EntityManager or a QueryRunner. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * The rows of a statement. TypeORM's PostgreSQL driver answers UPDATE and DELETE with
 * `[rows, affectedCount]` and everything else with the rows; this evens that out.
 */
export async function rows<Row>(db: Queryable, sql: string, parameters: unknown[] = []): Promise<Row[]> {
  const result = await db.query(sql, parameters);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as Row[];
  }
  return result as Row[];
}

export async function firstRow<Row>(
  db: Queryable,
  sql: string,
  parameters: unknown[] = [],
): Promise<Row | null> {
  return (await rows<Row>(db, sql, parameters))[0] ?? null;
}

export function isoOrNull(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}
