/** A snake_case column's camelCase field name: `department_id` → `departmentId`. */
export type FieldName<Column extends string> = Column extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<FieldName<Tail>>}`
  : Column;

/** A column's value as a record holds it: an instant (timestamptz) as its ISO string. */
export type FieldValue<Value> = Value extends Date ? string : Value;

export type RowFields<Row, Column extends keyof Row & string> = {
  [C in Column as FieldName<C>]: FieldValue<Row[C]>;
};

/**
 * These columns of a row under their camelCase names, instants as ISO strings (null stays null):
 * the part of a record that is the row as it is stored. Columns a record renames or converts
 * otherwise are left to the caller.
 */
export function rowFields<Row, Column extends keyof Row & string>(
  row: Row,
  columns: readonly Column[],
): RowFields<Row, Column> {
  const fields: Record<string, unknown> = {};
  for (const column of columns) {
    const value = row[column];
    fields[fieldName(column)] = value instanceof Date ? value.toISOString() : value;
  }
  return fields as RowFields<Row, Column>;
}

function fieldName(column: string): string {
  return column.replace(/_(.)/g, (_underscore, next: string) => next.toUpperCase());
}
