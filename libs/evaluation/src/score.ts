import { addFacts, emptyFacts, standing, type Facts } from './facts';
import { ratio, round } from './indicators';
import type { EvaluationScheme } from './scheme';

export const GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_NAMES: Record<Grade, string> = {
  excellent: '优秀',
  good: '良好',
  pass: '合格',
  fail: '不合格',
};

export const DEDUCTION_CODES = ['warning', 'yellow', 'red', 'data_quality', 'late_response'] as const;
export const BONUS_CODES = ['early_completion', 'promised_compression'] as const;
export type ScoreLineCode = (typeof DEDUCTION_CODES)[number] | (typeof BONUS_CODES)[number];

/** 扣分项 / 加分项 中文名, for the report and the CSV. */
export const SCORE_LINE_NAMES: Record<ScoreLineCode, string> = {
  warning: '预警',
  yellow: '黄牌',
  red: '红牌',
  data_quality: '数据质量',
  late_response: '督办逾期回复',
  early_completion: '提前办结',
  promised_compression: '承诺时限压缩',
};

/**
 * One line of a scorecard. `basis` is what it was computed from: a count of standing signals or
 * late notices, or a rate (the early-completion rate, the promised-limit compression). `points`
 * are negative for a deduction.
 */
export interface ScoreLine {
  code: ScoreLineCode;
  basis: number | null;
  points: number;
}

export interface Scorecard {
  score: number;
  grade: Grade;
  /** The score reached 优秀 but a standing red card kept the grade at 良好. */
  gradeCapped: boolean;
  deductions: ScoreLine[];
  bonuses: ScoreLine[];
}

export interface PeriodScorecard extends Scorecard {
  /** Each month of the period scored on its own; the period's score is their mean. */
  months: { month: string; score: number; grade: Grade }[];
}

/** A deduction of `points` as a negative number (0, not -0, when nothing is deducted). */
const deduct = (points: number) => (points === 0 ? 0 : -points);

/** The points of the highest band whose threshold the value reaches (bands sorted high → low). */
function bandPoints(bands: readonly { atLeast: number; points: number }[], value: number | null): number {
  if (value === null) return 0;
  return bands.find((band) => value >= band.atLeast)?.points ?? 0;
}

function gradeOf(score: number, scheme: EvaluationScheme): Grade {
  const { excellent, good, pass } = scheme.grades;
  if (score >= excellent) return 'excellent';
  if (score >= good) return 'good';
  return score >= pass ? 'pass' : 'fail';
}

function finalGrade(score: number, standingReds: number, scheme: EvaluationScheme) {
  const grade = gradeOf(score, scheme);
  const capped = grade === 'excellent' && scheme.redCardBlocksExcellent && standingReds > 0;
  return { grade: capped ? ('good' as const) : grade, gradeCapped: capped };
}

/**
 * One month of one department: the base, less a deduction per standing signal (a justified closure
 * cancels its signal's deduction), less the data-quality and late-response deductions (each
 * capped), plus the bonuses (capped together), never below 0. `compression` is the department's
 * promised-limit compression (`promisedCompression`), null when it has no catalogued item.
 */
export function scoreMonth(facts: Facts, compression: number | null, scheme: EvaluationScheme): Scorecard {
  const { deductions: d, bonuses: b } = scheme;
  const warnings = standing(facts.signals.warning);
  const yellows = standing(facts.signals.yellow);
  const reds = standing(facts.signals.red);
  const dataSignals = standing(facts.lateReports) + standing(facts.sequenceErrors);
  const lateNotices = facts.notices.late;
  const deductions: ScoreLine[] = [
    {
      code: 'warning',
      basis: warnings,
      points: deduct(Math.floor(warnings / d.warning.every) * d.warning.points),
    },
    { code: 'yellow', basis: yellows, points: deduct(yellows * d.yellow) },
    { code: 'red', basis: reds, points: deduct(reds * d.red) },
    {
      code: 'data_quality',
      basis: dataSignals,
      points: deduct(Math.min(d.dataQuality.max, dataSignals * d.dataQuality.perSignal)),
    },
    {
      code: 'late_response',
      basis: lateNotices,
      points: deduct(Math.min(d.lateResponse.max, lateNotices * d.lateResponse.perNotice)),
    },
  ];
  const earlyRate = ratio(facts.early, facts.completed);
  const qualifies = facts.completed > 0 && facts.completed >= b.earlyCompletion.minCompleted;
  const bonuses: ScoreLine[] = [
    {
      code: 'early_completion',
      basis: earlyRate,
      points: qualifies ? bandPoints(b.earlyCompletion.bands, earlyRate) : 0,
    },
    {
      code: 'promised_compression',
      basis: compression,
      points: bandPoints(b.promisedCompression.bands, compression),
    },
  ];
  const deducted = deductions.reduce((sum, line) => sum + line.points, 0);
  const earned = Math.min(
    b.max,
    bonuses.reduce((sum, line) => sum + line.points, 0),
  );
  const score = round(Math.max(0, scheme.base + deducted + earned), 2);
  return { score, ...finalGrade(score, reds, scheme), deductions, bonuses };
}

const mean = (values: readonly number[]) =>
  values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;

/** The lines of several months: counts summed, rates over the summed facts, points averaged. */
function periodLines(
  cards: readonly Scorecard[],
  pick: (card: Scorecard) => ScoreLine[],
  rateOf: (code: ScoreLineCode) => number | null | undefined,
): ScoreLine[] {
  const first = cards[0];
  if (!first) return [];
  return pick(first).map((line, index) => {
    const lines = cards.map((card) => pick(card)[index] as ScoreLine);
    const rate = rateOf(line.code);
    return {
      code: line.code,
      basis: rate !== undefined ? rate : lines.reduce((sum, l) => sum + (l.basis ?? 0), 0),
      points: round(mean(lines.map((l) => l.points)), 2) || 0,
    };
  });
}

/**
 * A period (a month or a quarter) of one department: each month scored on its own facts, the
 * period's score the mean of the months' scores (a quarter is the average of its three monthly
 * assessments), the grade from that mean. `monthFacts` holds one entry per month of the period,
 * in order; a month without any activity scores the base plus the compression bonus.
 */
export function scorePeriod(
  monthFacts: readonly { month: string; facts: Facts }[],
  compression: number | null,
  scheme: EvaluationScheme,
): PeriodScorecard {
  const cards = monthFacts.map(({ facts }) => scoreMonth(facts, compression, scheme));
  const total = monthFacts.reduce((sum, { facts }) => addFacts(sum, facts), emptyFacts());
  const score = round(mean(cards.map((card) => card.score)), 2);
  const rates: Partial<Record<ScoreLineCode, number | null>> = {
    early_completion: ratio(total.early, total.completed),
    promised_compression: compression,
  };
  return {
    score,
    ...finalGrade(score, standing(total.signals.red), scheme),
    deductions: periodLines(
      cards,
      (card) => card.deductions,
      (code) => rates[code],
    ),
    bonuses: periodLines(
      cards,
      (card) => card.bonuses,
      (code) => rates[code],
    ),
    months: monthFacts.map(({ month }, index) => {
      const card = cards[index] as Scorecard;
      return { month, score: card.score, grade: card.grade };
    }),
  };
}

/**
 * 承诺时限压缩率: how far a department's promised limits lie below the legal ones, the mean over
 * its catalogued items of `1 − promisedDays / legalDays`; null for a department without items.
 */
export function promisedCompression(
  items: readonly { promisedDays: number; legalDays: number }[],
): number | null {
  if (items.length === 0) return null;
  return round(mean(items.map((item) => 1 - item.promisedDays / item.legalDays)), 4);
}
