import { z } from 'zod';
import { parseLocalDate } from '@app/calendar';
import { DEFAULT_SETTINGS } from '@app/contracts';

/**
 * The formats of `docs/catalogue.md`, one zod schema per file entry. `z.object` drops unknown
 * fields; `.default()` applies the spec's defaults. Cross-field and cross-file checks are in
 * `parse-catalog.ts`, where the problem can name the entry.
 */
const nonEmpty = z.string().min(1);
const intAtLeast = (minimum: number) => z.number().int().min(minimum);
/** Money: an integer number of fen. */
const fen = z.number().int().min(0);

export function isLocalDate(text: string): boolean {
  try {
    parseLocalDate(text);
    return true;
  } catch {
    return false;
  }
}

export const localDate = z.string().refine(isLocalDate, { error: 'must be an existing date YYYY-MM-DD' });

export const departmentSchema = z.object({
  id: nonEmpty,
  name: nonEmpty,
  nameEn: nonEmpty.max(200).nullish(),
  parentId: nonEmpty.nullish(),
});

export const itemSchema = z.object({
  code: nonEmpty,
  name: nonEmpty,
  departmentId: nonEmpty,
  kind: z.enum(['licensing', 'penalty']).default('licensing'),
  timeUnit: z.enum(['workday', 'calendar']).default('workday'),
  legalDays: intAtLeast(1),
  promisedDays: intAtLeast(1),
  warnBeforeDays: intAtLeast(0).default(1),
  supervisionDays: intAtLeast(1).default(3),
  steps: z.array(z.object({ code: nonEmpty, name: nonEmpty, limitDays: intAtLeast(1) })).default(() => []),
  requiredMaterials: z.array(nonEmpty).default(() => []),
  feeCodes: z.array(nonEmpty).default(() => []),
  suspensions: z.array(z.object({ procedure: nonEmpty, maxDays: intAtLeast(1) })).default(() => []),
});

export const feeSchema = z.object({
  code: nonEmpty,
  name: nonEmpty,
  unitAmount: fen,
  unit: z.string().nullish(),
  legalBasis: z.string().nullish(),
  effectiveFrom: localDate,
  effectiveTo: localDate.nullable().default(null),
});

const tierRange = z.tuple([fen, fen]);

export const benchmarkSchema = z.object({
  violationCode: nonEmpty,
  name: nonEmpty,
  legalMin: fen,
  legalMax: fen,
  hearingThreshold: z.object({ person: fen, organization: fen }),
  tiers: z.object({
    exempt: tierRange.optional(),
    mitigated: tierRange.optional(),
    lighter: tierRange.optional(),
    ordinary: tierRange.optional(),
    heavier: tierRange.optional(),
  }),
});

/** The calendar has no defaults in the spec: a misspelt key must not silently empty a list. */
export const calendarSchema = z.object({
  timeZone: nonEmpty,
  holidays: z.array(localDate),
  workdays: z.array(localDate),
});

export const settingsSchema = z.object({
  acceptanceDays: intAtLeast(1).default(DEFAULT_SETTINGS.acceptanceDays),
  supplementNoticeDays: intAtLeast(1).default(DEFAULT_SETTINGS.supplementNoticeDays),
  deliveryDays: intAtLeast(1).default(DEFAULT_SETTINGS.deliveryDays),
  defaultSuspensionMaxDays: intAtLeast(1).default(DEFAULT_SETTINGS.defaultSuspensionMaxDays),
  reportingDelayHours: z.number().positive().default(DEFAULT_SETTINGS.reportingDelayHours),
  peerDeviation: z
    .object({
      minPeers: intAtLeast(1).default(DEFAULT_SETTINGS.peerDeviation.minPeers),
      window: intAtLeast(1).default(DEFAULT_SETTINGS.peerDeviation.window),
      threshold: z.number().positive().default(DEFAULT_SETTINGS.peerDeviation.threshold),
    })
    .default(() => ({ ...DEFAULT_SETTINGS.peerDeviation })),
  dissatisfiedScore: z.number().int().min(0).max(5).default(DEFAULT_SETTINGS.dissatisfiedScore),
  maxExtensionDays: intAtLeast(1).default(DEFAULT_SETTINGS.maxExtensionDays),
  onSpotFineLimit: fen.default(DEFAULT_SETTINGS.onSpotFineLimit),
});

const ARTICLES: Record<string, string> = {
  int: 'an integer',
  number: 'a number',
  string: 'a string',
  array: 'an array',
  object: 'an object',
  tuple: 'a [min, max] pair',
  boolean: 'true or false',
};

const KINDS_ZH: Record<string, string> = {
  int: '整数',
  number: '数字',
  string: '字符串',
  array: '数组',
  object: '对象',
  tuple: '[最小, 最大] 区间',
  boolean: 'true 或 false',
};

/** The Chinese of the refinements' own messages (`error:` of a schema above). */
const REFINEMENTS_ZH: Record<string, string> = {
  'must be an existing date YYYY-MM-DD': '应为存在的日期 YYYY-MM-DD',
};

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/**
 * A zod issue in the words of a catalogue problem, in English and in Chinese: "is required" /
 * "必填", "must be <= 5 (got 7)" / "应 ≤ 5（实为 7）".
 */
export function describeIssue(issue: z.core.$ZodIssue): { problem: string; problemZh: string } {
  const input = 'input' in issue && issue.input !== undefined ? shown(issue.input) : undefined;
  const say = (problem: string, problemZh: string) =>
    input === undefined
      ? { problem, problemZh }
      : { problem: `${problem} (got ${input})`, problemZh: `${problemZh}（实为 ${input}）` };
  switch (issue.code) {
    case 'invalid_type': {
      const kind = {
        en: ARTICLES[issue.expected] ?? issue.expected,
        zh: KINDS_ZH[issue.expected] ?? issue.expected,
      };
      if (input === undefined) return { problem: 'is required', problemZh: '必填' };
      if (issue.input === null)
        return { problem: `must be ${kind.en}, not null`, problemZh: `应为${kind.zh}，不能为 null` };
      return say(`must be ${kind.en}`, `应为${kind.zh}`);
    }
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1)
        return { problem: 'must not be empty', problemZh: '不能为空' };
      if (issue.origin === 'array')
        return {
          problem: `must have at least ${String(issue.minimum)} entries`,
          problemZh: `至少 ${String(issue.minimum)} 项`,
        };
      return say(
        `must be ${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}`,
        `应 ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}`,
      );
    case 'too_big':
      if (issue.origin === 'array')
        return {
          problem: `must have at most ${String(issue.maximum)} entries`,
          problemZh: `至多 ${String(issue.maximum)} 项`,
        };
      if (issue.origin === 'string')
        return say(
          `must be at most ${String(issue.maximum)} characters`,
          `至多 ${String(issue.maximum)} 个字符`,
        );
      return say(
        `must be ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}`,
        `应 ${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)}`,
      );
    case 'invalid_value': {
      const values = issue.values.map((value) => JSON.stringify(value));
      return say(`must be one of ${values.join(', ')}`, `应为 ${values.join('、')} 之一`);
    }
    default:
      return say(issue.message, REFINEMENTS_ZH[issue.message] ?? issue.message);
  }
}

/** `['steps', 1, 'limitDays']` → `steps[1].limitDays`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text ? `${text}.${String(key)}` : String(key);
  }, '');
}
