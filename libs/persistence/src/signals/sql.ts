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

/** The rows of a statement, each read into what the store answers by `read`. */
export async function readRows<Row, Item>(
  db: Queryable,
  read: (row: Row) => Item,
  sql: string,
  parameters: unknown[] = [],
): Promise<Item[]> {
  return (await rows<Row>(db, sql, parameters)).map((row) => read(row));
}

/** The first row of a statement read by `read`, or null when the statement answered none. */
export async function readFirstRow<Row, Item>(
  db: Queryable,
  read: (row: Row) => Item,
  sql: string,
  parameters: unknown[] = [],
): Promise<Item | null> {
  const row = await firstRow<Row>(db, sql, parameters);
  return row ? read(row) : null;
}

/** A column of a batch: a field of each item, or what a function makes of each item. */
export type BatchColumn<Item> = keyof Item | ((item: Item) => unknown);

/**
 * The parameters of a batch statement that reads its rows from `unnest($1::…[], $2::…[], …)`: one
 * array per column, in the order given, each holding that column of every item, in item order.
 */
export function unnestParameters<Item>(
  items: readonly Item[],
  columns: readonly BatchColumn<Item>[],
): unknown[][] {
  return columns.map((column) =>
    items.map((item) => (typeof column === 'function' ? column(item) : item[column])),
  );
}
