/** The files of a catalogue directory (`docs/catalogue.md`). */
export const CATALOG_FILE_NAMES = [
  'departments.json',
  'items.json',
  'fees.json',
  'discretion.json',
  'calendar.json',
  'settings.json',
] as const;
export type CatalogFileName = (typeof CATALOG_FILE_NAMES)[number];

/**
 * One thing wrong with a catalogue file. `entryIndex` is the zero-based position in the file's
 * array (what `jq '.[3]'` shows); `entryKey` is the entry's code or id when it has one.
 */
export interface CatalogProblem {
  file: CatalogFileName;
  entryIndex?: number;
  entryKey?: { name: string; value: string };
  /** Dotted path inside the entry (or the file for object files), e.g. `steps[1].limitDays`. */
  field?: string;
  problem: string;
  /** The same in Chinese, for the administrator's page (the file, entry and field stay as named). */
  problemZh: string;
}

/** A file whose text is not JSON, with the parser's reason (a directory's file or an upload's). */
export function notJsonProblem(file: CatalogFileName, error: unknown): CatalogProblem {
  const reason = (error as Error).message;
  return { file, problem: `not valid JSON: ${reason}`, problemZh: `不是有效的 JSON：${reason}` };
}

/** `items.json: entry 3 (code "XK-001"): promisedDays: must be <= legalDays (20)` */
export function formatCatalogProblem(problem: Omit<CatalogProblem, 'problemZh'>): string {
  const parts: string[] = [problem.file];
  if (problem.entryIndex !== undefined) {
    const key = problem.entryKey
      ? ` (${problem.entryKey.name} ${JSON.stringify(problem.entryKey.value)})`
      : '';
    parts.push(`entry ${problem.entryIndex}${key}`);
  }
  if (problem.field) parts.push(problem.field);
  parts.push(problem.problem);
  return parts.join(': ');
}

/** At most this many problems are spelled out in the message; all are kept in `problems`. */
const MAX_LISTED_PROBLEMS = 20;

/**
 * A catalogue that breaks its format. The whole catalogue is rejected; the message's first line
 * names the file, entry and field of the first problem, further lines list the others.
 */
export class CatalogError extends Error {
  override readonly name = 'CatalogError';

  constructor(readonly problems: readonly CatalogProblem[]) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map(formatCatalogProblem);
    const more =
      problems.length > MAX_LISTED_PROBLEMS ? [`… and ${problems.length - MAX_LISTED_PROBLEMS} more`] : [];
    super([...listed, ...more].join('\n') || 'invalid catalogue');
  }

  /** The file of the first problem. */
  get file(): CatalogFileName | undefined {
    return this.problems[0]?.file;
  }
}
