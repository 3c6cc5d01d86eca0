// Pure helpers of 后台管理: Beijing dates as YYYY-MM-DD, and a catalogue's rejection as rows.

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const pad = (value: number) => String(value).padStart(2, '0');

/** `YYYY-MM-DD HH:mm` in Beijing time, or `—`. */
export function beijingDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const local = new Date(Date.parse(iso) + BEIJING_OFFSET_MS);
  if (Number.isNaN(local.getTime())) return '—';
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`
  );
}

/** `YYYY-MM-DD` in Beijing time. */
export function beijingDay(iso: string | null | undefined): string {
  return beijingDateTime(iso).slice(0, 10);
}

/** The default effective instant of a publication: five minutes from now, on the minute. */
export function defaultPublishInstant(now: number): number {
  return Math.ceil((now + 5 * 60_000) / 60_000) * 60_000;
}

/** One thing wrong with an uploaded catalogue, as the page lists it. */
export interface ProblemRow {
  file: string;
  /** `1 (code "XK-002")`, or null for a whole file or an object file. */
  entry: string | null;
  field: string | null;
  problem: string;
}

interface ServerProblem {
  file?: unknown;
  entryIndex?: unknown;
  entryKey?: { name?: unknown; value?: unknown } | null;
  field?: unknown;
  problem?: unknown;
  problemZh?: unknown;
}

const FILE_LINE = /^([a-z]+\.json): (?:entry (\d+(?: \([^)]*\))?): )?(.*)$/;

/** An entry as the server names it: its position, and its code or id when it has one. */
function entryLabel(problem: ServerProblem): string | null {
  if (typeof problem.entryIndex !== 'number') return null;
  const key = problem.entryKey;
  return typeof key?.name === 'string' && typeof key.value === 'string'
    ? `${problem.entryIndex} (${key.name} ${JSON.stringify(key.value)})`
    : String(problem.entryIndex);
}

/**
 * The rows of a catalogue's rejection (the 400 of an upload): from its `problems` when the answer
 * has them (each problem in Chinese where the server gives it, for a Chinese page), else from its
 * message lines (`items.json: entry 1 (code "X"): promisedDays: …`).
 */
export function problemRows(body: unknown, language: 'zh' | 'en' = 'en'): ProblemRow[] {
  const answer = (body ?? {}) as { problems?: unknown; message?: unknown };
  if (Array.isArray(answer.problems) && answer.problems.length > 0) {
    return (answer.problems as ServerProblem[]).map((problem) => ({
      file: typeof problem.file === 'string' ? problem.file : '?',
      entry: entryLabel(problem),
      field: typeof problem.field === 'string' && problem.field !== '' ? problem.field : null,
      problem:
        language === 'zh' && typeof problem.problemZh === 'string'
          ? problem.problemZh
          : typeof problem.problem === 'string'
            ? problem.problem
            : JSON.stringify(problem),
    }));
  }
  const lines = Array.isArray(answer.message)
    ? answer.message.map(String)
    : typeof answer.message === 'string'
      ? answer.message.split('\n')
      : [];
  return lines.map((line) => {
    const match = FILE_LINE.exec(line);
    if (!match) return { file: '', entry: null, field: null, problem: line };
    const rest = match[3] ?? '';
    // a field is a path before the last ": " (`steps[1].limitDays: must be …`)
    const field = /^([A-Za-z_][\w.[\]]*): (.*)$/.exec(rest);
    return {
      file: match[1] ?? '',
      entry: match[2] ?? null,
      field: field ? (field[1] ?? null) : null,
      problem: field ? (field[2] ?? rest) : rest,
    };
  });
}
