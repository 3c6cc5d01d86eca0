import {
  BONUS_CODES,
  DEDUCTION_CODES,
  GRADE_NAMES,
  SCORE_LINE_NAMES,
  type DepartmentEvaluation,
} from '@app/evaluation';
import { CSV_BOM, csvLine } from '../common/csv';
import type { EvaluationReportView } from '@app/contracts';

type Column = readonly [header: string, value: (d: DepartmentEvaluation) => unknown];

const points = (lines: DepartmentEvaluation['deductions'], code: string) =>
  lines.find((line) => line.code === code)?.points ?? 0;

/**
 * The ranking as CSV (RFC 4180, UTF-8 with a byte-order mark for Excel): one row per department,
 * every indicator and every score line, rates as fractions (0.9167), so the file parses back to
 * exactly the numbers of the report. Headers are `中文 (key)`.
 */
export const EVALUATION_CSV_COLUMNS: readonly Column[] = [
  ['排名 (rank)', (d) => d.rank],
  ['部门编码 (departmentId)', (d) => d.departmentId],
  ['部门 (departmentName)', (d) => d.departmentName],
  ['得分 (score)', (d) => d.score],
  ['等级 (grade)', (d) => GRADE_NAMES[d.grade]],
  ['办结件数 (completed)', (d) => d.indicators.completed],
  ['按时办结 (onTime)', (d) => d.indicators.onTime],
  ['按时办结率 (onTimeRate)', (d) => d.indicators.onTimeRate],
  ['提前办结 (early)', (d) => d.indicators.early],
  ['提前办结率 (earlyRate)', (d) => d.indicators.earlyRate],
  ['平均用时 (averageDaysUsed)', (d) => d.indicators.averageDaysUsed],
  ['预警 (warning)', (d) => d.indicators.signals.warning.raised],
  ['黄牌 (yellow)', (d) => d.indicators.signals.yellow.raised],
  ['红牌 (red)', (d) => d.indicators.signals.red.raised],
  [
    '理由正当销号 (justified)',
    (d) =>
      d.indicators.signals.warning.justified +
      d.indicators.signals.yellow.justified +
      d.indicators.signals.red.justified,
  ],
  ['督办按期回复 (noticesTimely)', (d) => d.indicators.notices.timely],
  ['督办逾期 (noticesLate)', (d) => d.indicators.notices.late],
  ['督办待回复 (noticesPending)', (d) => d.indicators.notices.pending],
  ['督办回复及时率 (responseTimeliness)', (d) => d.indicators.responseTimeliness],
  ['事件数 (events)', (d) => d.indicators.events],
  ['迟报 (lateReports)', (d) => d.indicators.lateReports],
  ['数据报送及时率 (dataTimeliness)', (d) => d.indicators.dataTimeliness],
  ['时序异常 (sequenceErrors)', (d) => d.indicators.sequenceErrors],
  ...DEDUCTION_CODES.map(
    (code): Column => [
      `扣分·${SCORE_LINE_NAMES[code]} (deduction.${code})`,
      (d) => points(d.deductions, code),
    ],
  ),
  ...BONUS_CODES.map(
    (code): Column => [`加分·${SCORE_LINE_NAMES[code]} (bonus.${code})`, (d) => points(d.bonuses, code)],
  ),
];

export function evaluationCsv(report: EvaluationReportView): string {
  const months = report.period.kind === 'quarter' ? report.period.months : [];
  let text =
    CSV_BOM +
    csvLine([
      ...EVALUATION_CSV_COLUMNS.map(([header]) => header),
      ...months.map((m) => `${m} 得分 (month.${m})`),
    ]);
  for (const department of report.departments) {
    text += csvLine([
      ...EVALUATION_CSV_COLUMNS.map(([, value]) => value(department)),
      ...months.map((month) => department.months.find((m) => m.month === month)?.score ?? null),
    ]);
  }
  return text;
}
