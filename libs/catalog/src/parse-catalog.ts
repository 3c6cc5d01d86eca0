import type { z } from 'zod';
import { parseLocalDate, WorkingCalendar, yearOf } from '@app/calendar';
import {
  CalendarData,
  CatalogData,
  Department,
  Fee,
  Item,
  PenaltyBenchmark,
  Settings,
  SUSPENSION_PROCEDURES,
  Tier,
  TIERS,
} from '@app/contracts';
import { CatalogError, CatalogFileName, CatalogProblem, formatCatalogProblem } from './catalog-error';
import {
  benchmarkSchema,
  calendarSchema,
  departmentSchema,
  describeIssue,
  feeSchema,
  fieldPath,
  itemSchema,
  settingsSchema,
} from './catalog-schemas';

/**
 * The raw contents of a catalogue directory, by file name (`"items.json"` → the parsed JSON).
 * A file that is absent is `undefined`. Only `settings.json` may be absent.
 */
export type CatalogFiles = Partial<Record<CatalogFileName, unknown>>;

type EntryFile = 'departments.json' | 'items.json' | 'fees.json' | 'discretion.json';

interface Parsed<T> {
  index: number;
  value: T;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class ProblemList {
  readonly problems: CatalogProblem[] = [];

  add(problem: CatalogProblem): void {
    this.problems.push(problem);
  }

  throwIfAny(): void {
    if (this.problems.length > 0) throw new CatalogError(this.problems);
  }
}

/** Validates every entry of an array file; returns the valid ones with their positions. */
function parseEntries<S extends z.ZodType>(
  files: CatalogFiles,
  file: EntryFile,
  schema: S,
  keyName: string,
  problems: ProblemList,
): Parsed<z.output<S>>[] {
  const raw = files[file];
  if (raw === undefined) {
    problems.add({ file, problem: 'file is missing', problemZh: '缺少该文件' });
    return [];
  }
  if (!Array.isArray(raw)) {
    problems.add({
      file,
      problem: 'must be a JSON array of entries',
      problemZh: '应为由条目组成的 JSON 数组',
    });
    return [];
  }
  const parsed: Parsed<z.output<S>>[] = [];
  raw.forEach((entry: unknown, index) => {
    const keyValue = isRecord(entry) ? entry[keyName] : undefined;
    const entryKey =
      typeof keyValue === 'string' && keyValue ? { name: keyName, value: keyValue } : undefined;
    if (!isRecord(entry)) {
      problems.add({
        file,
        entryIndex: index,
        problem: 'must be a JSON object',
        problemZh: '应为 JSON 对象',
      });
      return;
    }
    const result = schema.safeParse(entry, { reportInput: true });
    if (result.success) {
      parsed.push({ index, value: result.data });
      return;
    }
    for (const issue of result.error.issues) {
      problems.add({
        file,
        entryIndex: index,
        entryKey,
        field: fieldPath(issue.path),
        ...describeIssue(issue),
      });
    }
  });
  return parsed;
}

function parseObject<S extends z.ZodType>(
  file: 'calendar.json' | 'settings.json',
  raw: unknown,
  schema: S,
  problems: ProblemList,
): z.output<S> | undefined {
  if (!isRecord(raw)) {
    problems.add({ file, problem: 'must be a JSON object', problemZh: '应为 JSON 对象' });
    return undefined;
  }
  const result = schema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    problems.add({
      file,
      field: fieldPath(issue.path),
      ...describeIssue(issue),
    });
  }
  return undefined;
}

/** Each entry whose key repeats an earlier entry's, with the first entry of that key. */
function* repeats<T>(entries: Parsed<T>[], keyOf: (value: T) => string): Generator<[Parsed<T>, Parsed<T>]> {
  const first = new Map<string, Parsed<T>>();
  for (const entry of entries) {
    const key = keyOf(entry.value);
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, entry);
    else yield [entry, earlier];
  }
}

/** The elements of a list with their positions, as entries are. */
function positioned<T>(values: T[]): Parsed<T>[] {
  return values.map((value, index) => ({ index, value }));
}

/** Reports every entry whose key repeats an earlier entry's. */
function checkUnique<T>(
  file: EntryFile,
  entries: Parsed<T>[],
  keyName: string,
  keyOf: (value: T) => string,
  problems: ProblemList,
): void {
  for (const [entry, earlier] of repeats(entries, keyOf))
    problems.add({
      file,
      entryIndex: entry.index,
      entryKey: { name: keyName, value: keyOf(entry.value) },
      field: keyName,
      problem: `duplicates entry ${earlier.index}`,
      problemZh: `与第 ${earlier.index} 条重复`,
    });
}

/** Reports the problems of one entry of an array file: the field, and what is wrong in English and Chinese. */
function entryReporter(
  problems: ProblemList,
  file: EntryFile,
  index: number,
  [name, value]: [string, string],
): (field: string, problem: string, problemZh: string) => void {
  return (field, problem, problemZh) =>
    problems.add({ file, entryIndex: index, entryKey: { name, value }, field, problem, problemZh });
}

function toDepartment(entry: z.output<typeof departmentSchema>): Department {
  const department: Department = { id: entry.id, name: entry.name };
  if (entry.nameEn) department.nameEn = entry.nameEn;
  if (entry.parentId) department.parentId = entry.parentId;
  return department;
}

function toFee(entry: z.output<typeof feeSchema>): Fee {
  const fee: Fee = {
    code: entry.code,
    name: entry.name,
    unitAmount: entry.unitAmount,
    effectiveFrom: entry.effectiveFrom,
    effectiveTo: entry.effectiveTo,
  };
  if (entry.unit) fee.unit = entry.unit;
  if (entry.legalBasis) fee.legalBasis = entry.legalBasis;
  return fee;
}

function toBenchmark(entry: z.output<typeof benchmarkSchema>): PenaltyBenchmark {
  const tiers: Partial<Record<Tier, [number, number]>> = {};
  for (const tier of TIERS) {
    const range = entry.tiers[tier];
    if (range) tiers[tier] = [range[0], range[1]];
  }
  return {
    violationCode: entry.violationCode,
    name: entry.name,
    legalMin: entry.legalMin,
    legalMax: entry.legalMax,
    hearingThreshold: {
      person: entry.hearingThreshold.person,
      organization: entry.hearingThreshold.organization,
    },
    tiers,
  };
}

function checkItems(items: Parsed<Item>[], departmentIds: ReadonlySet<string>, problems: ProblemList): void {
  checkUnique('items.json', items, 'code', (item) => item.code, problems);
  for (const { index, value: item } of items) {
    const flag = entryReporter(problems, 'items.json', index, ['code', item.code]);
    if (item.promisedDays > item.legalDays)
      flag(
        'promisedDays',
        `must be <= legalDays (${item.legalDays})`,
        `不能大于 legalDays（${item.legalDays}）`,
      );
    if (!departmentIds.has(item.departmentId)) {
      const id = JSON.stringify(item.departmentId);
      flag('departmentId', `no department ${id} in departments.json`, `departments.json 中没有部门 ${id}`);
    }
    const checkListUnique = <T>(
      list: string,
      field: string,
      elements: T[],
      keyOf: (element: T) => string,
    ) => {
      for (const [element, earlier] of repeats(positioned(elements), keyOf))
        flag(
          `${list}[${element.index}].${field}`,
          `duplicates ${list}[${earlier.index}]`,
          `与 ${list}[${earlier.index}] 重复`,
        );
    };
    checkListUnique('steps', 'code', item.steps, (step) => step.code);
    checkListUnique('suspensions', 'procedure', item.suspensions, (suspension) => suspension.procedure);
  }
}

function checkFees(fees: Parsed<Fee>[], problems: ProblemList): void {
  checkUnique('fees.json', fees, 'code', (fee) => fee.code, problems);
  for (const { index, value: fee } of fees) {
    if (fee.effectiveTo !== null && parseLocalDate(fee.effectiveTo) < parseLocalDate(fee.effectiveFrom))
      entryReporter(problems, 'fees.json', index, ['code', fee.code])(
        'effectiveTo',
        `must not be before effectiveFrom (${fee.effectiveFrom})`,
        `不能早于 effectiveFrom（${fee.effectiveFrom}）`,
      );
  }
}

function checkBenchmarks(benchmarks: Parsed<PenaltyBenchmark>[], problems: ProblemList): void {
  checkUnique(
    'discretion.json',
    benchmarks,
    'violationCode',
    (benchmark) => benchmark.violationCode,
    problems,
  );
  for (const { index, value: benchmark } of benchmarks) {
    const flag = entryReporter(problems, 'discretion.json', index, [
      'violationCode',
      benchmark.violationCode,
    ]);
    const { legalMin } = benchmark;
    if (legalMin > benchmark.legalMax)
      flag('legalMax', `must be >= legalMin (${legalMin})`, `不能小于 legalMin（${legalMin}）`);
    for (const tier of TIERS) {
      const range = benchmark.tiers[tier];
      if (!range) continue;
      if (range[0] > range[1])
        flag(
          `tiers.${tier}`,
          `min ${range[0]} must be <= max ${range[1]}`,
          `下限 ${range[0]} 不能大于上限 ${range[1]}`,
        );
      else if (tier === 'exempt' && range[1] !== 0)
        flag('tiers.exempt', 'must be [0, 0]: an exemption has no fine', '应为 [0, 0]：免罚没有罚款');
    }
  }
}

function checkCalendar(calendar: CalendarData, problems: ProblemList): void {
  try {
    new WorkingCalendar(calendar);
  } catch (error) {
    problems.add({
      file: 'calendar.json',
      field: 'timeZone',
      problem: (error as Error).message,
      problemZh: `无效：${(error as Error).message}`,
    });
  }
  const holidays = new Set(calendar.holidays);
  calendar.workdays.forEach((day, index) => {
    if (holidays.has(day))
      problems.add({
        file: 'calendar.json',
        field: `workdays[${index}]`,
        problem: `${day} is listed in holidays too`,
        problemZh: `${day} 也列在 holidays 中`,
      });
  });
}

/**
 * Validates the raw files of a catalogue directory and returns the catalogue with every default
 * applied, or throws one `CatalogError` listing every problem (file, entry, field). Pure: the
 * directory loader and the database-backed catalogue both call it.
 *
 * Errors: a broken format, a duplicate code/id, `promisedDays > legalDays`, an item of an unknown
 * department, a step or suspension listed twice, a fee ending before it starts, `legalMin >
 * legalMax`, a tier whose min exceeds its max, a non-zero exemption, a date that does not exist,
 * a date that is both a holiday and a make-up working day, an unsupported time zone.
 * Everything that merely looks wrong is a warning: see `catalogWarnings`.
 */
export function parseCatalog(files: CatalogFiles): CatalogData {
  const problems = new ProblemList();
  const departments = parseEntries(files, 'departments.json', departmentSchema, 'id', problems);
  const items = parseEntries(files, 'items.json', itemSchema, 'code', problems);
  const fees = parseEntries(files, 'fees.json', feeSchema, 'code', problems);
  const benchmarks = parseEntries(files, 'discretion.json', benchmarkSchema, 'violationCode', problems);
  const rawCalendar = files['calendar.json'];
  if (rawCalendar === undefined)
    problems.add({ file: 'calendar.json', problem: 'file is missing', problemZh: '缺少该文件' });
  const calendar =
    rawCalendar === undefined
      ? undefined
      : parseObject('calendar.json', rawCalendar, calendarSchema, problems);
  const rawSettings = files['settings.json'] ?? {};
  const settings: Settings | undefined = parseObject('settings.json', rawSettings, settingsSchema, problems);
  problems.throwIfAny();

  const departmentEntries = departments.map(({ index, value }) => ({ index, value: toDepartment(value) }));
  const feeEntries = fees.map(({ index, value }) => ({ index, value: toFee(value) }));
  const benchmarkEntries = benchmarks.map(({ index, value }) => ({ index, value: toBenchmark(value) }));
  checkUnique('departments.json', departmentEntries, 'id', (department) => department.id, problems);
  checkItems(items, new Set(departmentEntries.map(({ value }) => value.id)), problems);
  checkFees(feeEntries, problems);
  checkBenchmarks(benchmarkEntries, problems);
  if (calendar) checkCalendar(calendar, problems);
  problems.throwIfAny();

  return {
    departments: departmentEntries.map(({ value }) => value),
    items: items.map(({ value }) => value),
    fees: feeEntries.map(({ value }) => value),
    discretion: benchmarkEntries.map(({ value }) => value),
    calendar: calendar as CalendarData,
    settings: settings as Settings,
  };
}

export interface CatalogWarningOptions {
  /**
   * Years the calendar must cover, e.g. the current and the next year at startup, or the years of
   * the events a replay reads. A year outside the official schedule falls back to weekdays.
   */
  years?: Iterable<number>;
}

/**
 * What looks wrong in a valid catalogue but does not stop it, as formatted lines:
 * - an item's fee code that is not in fees.json. A warning, not an error: the rule
 *   `FEE_NOT_IN_CATALOG` already flags every assessment of an unknown fee, and rejecting the whole
 *   catalogue would stop supervision of every other item because of one pending fee standard;
 * - a suspension procedure no event can name; a parent department that is not listed;
 * - a lighter/ordinary/heavier tier outside the legal range, or a mitigated tier reaching
 *   `legalMin` (its fines would be flagged `PENALTY_OUT_OF_LEGAL_RANGE`);
 * - a peer-deviation window smaller than `minPeers` (the rule could never fire);
 * - a calendar that covers no year, or not one of `options.years`.
 */
export function catalogWarnings(data: CatalogData, options: CatalogWarningOptions = {}): string[] {
  const warnings: Omit<CatalogProblem, 'problemZh'>[] = [];
  const departmentIds = new Set(data.departments.map((department) => department.id));
  data.departments.forEach((department, index) => {
    if (department.parentId !== undefined && !departmentIds.has(department.parentId))
      warnings.push({
        file: 'departments.json',
        entryIndex: index,
        entryKey: { name: 'id', value: department.id },
        field: 'parentId',
        problem: `no department ${JSON.stringify(department.parentId)} in departments.json`,
      });
  });
  const feeCodes = new Set(data.fees.map((fee) => fee.code));
  const procedures = new Set<string>(SUSPENSION_PROCEDURES);
  data.items.forEach((item, index) => {
    const entryKey = { name: 'code', value: item.code };
    item.feeCodes.forEach((feeCode, feeIndex) => {
      if (!feeCodes.has(feeCode))
        warnings.push({
          file: 'items.json',
          entryIndex: index,
          entryKey,
          field: `feeCodes[${feeIndex}]`,
          problem: `no fee ${JSON.stringify(feeCode)} in fees.json; every assessment of it will raise FEE_NOT_IN_CATALOG`,
        });
    });
    item.suspensions.forEach((suspension, suspensionIndex) => {
      if (!procedures.has(suspension.procedure))
        warnings.push({
          file: 'items.json',
          entryIndex: index,
          entryKey,
          field: `suspensions[${suspensionIndex}].procedure`,
          problem: `${JSON.stringify(suspension.procedure)} is not a procedure events can name (${SUSPENSION_PROCEDURES.join(', ')})`,
        });
    });
  });
  data.discretion.forEach((benchmark, index) => {
    const entryKey = { name: 'violationCode', value: benchmark.violationCode };
    for (const tier of ['lighter', 'ordinary', 'heavier'] as const) {
      const range = benchmark.tiers[tier];
      if (range && (range[0] < benchmark.legalMin || range[1] > benchmark.legalMax))
        warnings.push({
          file: 'discretion.json',
          entryIndex: index,
          entryKey,
          field: `tiers.${tier}`,
          problem: `[${range[0]}, ${range[1]}] is not within the legal range [${benchmark.legalMin}, ${benchmark.legalMax}]`,
        });
    }
    const mitigated = benchmark.tiers.mitigated;
    if (mitigated && mitigated[1] >= benchmark.legalMin)
      warnings.push({
        file: 'discretion.json',
        entryIndex: index,
        entryKey,
        field: 'tiers.mitigated',
        problem: `a mitigated fine must be below legalMin (${benchmark.legalMin}), max is ${mitigated[1]}`,
      });
  });
  const { minPeers, window } = data.settings.peerDeviation;
  if (window < minPeers)
    warnings.push({
      file: 'settings.json',
      field: 'peerDeviation.window',
      problem: `${window} is smaller than minPeers (${minPeers}): PENALTY_PEER_DEVIATION can never fire`,
    });
  warnings.push(...calendarCoverageWarnings(data.calendar, options.years));
  return warnings.map(formatCatalogProblem);
}

function calendarCoverageWarnings(
  calendar: CalendarData,
  years: Iterable<number> | undefined,
): Omit<CatalogProblem, 'problemZh'>[] {
  const covered = new Set(
    [...calendar.holidays, ...calendar.workdays].map((day) => yearOf(parseLocalDate(day))),
  );
  if (covered.size === 0)
    return [
      {
        file: 'calendar.json',
        problem: 'lists no holiday and no make-up working day: every deadline counts weekdays only',
      },
    ];
  const missing = [...new Set(years ?? [])].filter((year) => !covered.has(year)).sort((a, b) => a - b);
  return missing.map((year) => ({
    file: 'calendar.json',
    problem: `does not cover ${year} (covers ${[...covered].sort((a, b) => a - b).join(', ')}): deadlines in ${year} count weekdays only`,
  }));
}
