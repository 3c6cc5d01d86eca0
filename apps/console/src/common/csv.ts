/**
 * RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled. A field that
 * a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, carriage return first) gets a
 * leading apostrophe, so an exported signal cannot run code when the auditor opens the file.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    text = String(value);
  else text = JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** Excel reads UTF-8 (Chinese messages) only with a byte-order mark. */
export const CSV_BOM = '\uFEFF';
