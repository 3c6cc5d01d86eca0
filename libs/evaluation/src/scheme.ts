import { z } from 'zod';

/**
 * The scoring model of the performance evaluation (绩效评估): every weight, cap, band and grade
 * threshold is configuration. `MUNICIPAL_SCHEME` is the default, modelled on the monthly schemes
 * city efficiency offices publish (百分制, 扣分项 and 加分项); `deploy/evaluation/municipal-scheme.json`
 * holds the same scheme as a file to copy and adjust (`EVALUATION_SCHEME_FILE`).
 */
const points = z.number().min(0).max(100);
const rate = z.number().min(0).max(1);
const band = z.object({ atLeast: rate, points });
/** Bands are tried from the highest threshold down; the first one met gives its points. */
const bands = z
  .array(band)
  .min(1)
  .transform((list) => [...list].sort((a, b) => b.atLeast - a.atLeast));

export const schemeSchema = z
  .object({
    name: z.string().min(1),
    /** Every department starts each month with this many points. */
    base: z.number().positive().max(1000),
    deductions: z.object({
      /** Each complete group of `every` warnings (预警) in the month costs `points` (每累计 3 次扣 3 分). */
      warning: z.object({ every: z.number().int().positive(), points }),
      /** Per yellow card (黄牌) and per red card (红牌). */
      yellow: points,
      red: points,
      /** Per data-quality signal (late report, out-of-sequence event), at most `max` a month. */
      dataQuality: z.object({ perSignal: points, max: points }),
      /** Per supervision notice (督办) answered after its response deadline, at most `max` a month. */
      lateResponse: z.object({ perNotice: points, max: points }),
    }),
    bonuses: z.object({
      /** By the share of completed cases finished before the promised limit; needs `minCompleted` cases. */
      earlyCompletion: z.object({ minCompleted: z.number().int().min(0), bands }),
      /** By how far the department's promised limits lie below the legal ones (承诺时限压缩率). */
      promisedCompression: z.object({ bands }),
      /** All bonuses of a month together are capped at this. */
      max: points,
    }),
    /** Lowest score of each grade; below `pass` is 不合格. */
    grades: z.object({ excellent: points.max(1000), good: points.max(1000), pass: points.max(1000) }),
    /** A department with a red card that stands (not closed as justified) is not rated 优秀 (一票否决). */
    redCardBlocksExcellent: z.boolean(),
  })
  .refine((s) => s.grades.excellent >= s.grades.good && s.grades.good >= s.grades.pass, {
    message: 'grades must satisfy excellent >= good >= pass',
    path: ['grades'],
  });

export type EvaluationScheme = z.output<typeof schemeSchema>;

export const MUNICIPAL_SCHEME: EvaluationScheme = {
  name: '市级行政效能月度考核方案（默认）',
  base: 100,
  deductions: {
    warning: { every: 3, points: 3 },
    yellow: 5,
    red: 10,
    dataQuality: { perSignal: 0.5, max: 10 },
    lateResponse: { perNotice: 2, max: 20 },
  },
  bonuses: {
    earlyCompletion: {
      minCompleted: 5,
      bands: [
        { atLeast: 0.8, points: 3 },
        { atLeast: 0.5, points: 2 },
      ],
    },
    promisedCompression: {
      bands: [
        { atLeast: 0.5, points: 2 },
        { atLeast: 0.3, points: 1 },
      ],
    },
    max: 5,
  },
  grades: { excellent: 90, good: 80, pass: 60 },
  redCardBlocksExcellent: true,
};

export class SchemeError extends Error {}

/** Validates a scheme document; the error names every field that is wrong (`deductions.red: …`). */
export function parseScheme(document: unknown, source = 'scheme'): EvaluationScheme {
  const parsed = schemeSchema.safeParse(document);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`,
  );
  throw new SchemeError(`${source} is not a valid evaluation scheme: ${problems.join('; ')}`);
}
