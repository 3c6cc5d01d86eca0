// The evaluation API's contract between the console and its page: plain types only (no import),
// so the page (apps/console/web) compiles against the same file as the server. The page imports
// this file itself, not the `@app/contracts` index, so its bundle takes no runtime code of the
// library. libs/evaluation computes its indicators as these types; the console's service returns
// the rest of them, so the compiler checks that the library's scorecards and periods fit.

export type GradeView = 'excellent' | 'good' | 'pass' | 'fail';
export type ScoreLineCodeView =
  | 'warning'
  | 'yellow'
  | 'red'
  | 'data_quality'
  | 'late_response'
  | 'early_completion'
  | 'promised_compression';

export interface ScoreLineView {
  code: ScoreLineCodeView;
  /** A count (signals, late notices) or a rate (early completion, compression). */
  basis: number | null;
  /** Negative for a deduction. */
  points: number;
}

export interface SignalIndicatorView {
  raised: number;
  justified: number;
  /** Raised and not closed as justified: what the score deducts for. */
  standing: number;
}

/** The indicators an office publishes per department and per item (考核指标). */
export interface IndicatorsView {
  /** 办结件数 */
  completed: number;
  onTime: number;
  /** 按时办结率: on time / completed. */
  onTimeRate: number | null;
  early: number;
  /** 提前办结率: early / completed. */
  earlyRate: number | null;
  /** 平均用时: units used per completed case, two decimals. */
  averageDaysUsed: number | null;
  /** 预警、黄牌、红牌 */
  signals: { warning: SignalIndicatorView; yellow: SignalIndicatorView; red: SignalIndicatorView };
  notices: { timely: number; late: number; pending: number };
  /** 督办回复及时率: timely / (timely + late); pending notices are not judged yet. */
  responseTimeliness: number | null;
  events: number;
  lateReports: number;
  /** 数据报送及时率: 1 − late reports / events. */
  dataTimeliness: number | null;
  sequenceErrors: number;
}

export interface DepartmentEvaluationView {
  rank: number;
  departmentId: string;
  departmentName: string;
  score: number;
  grade: GradeView;
  gradeCapped: boolean;
  deductions: ScoreLineView[];
  bonuses: ScoreLineView[];
  months: { month: string; score: number; grade: GradeView }[];
  indicators: IndicatorsView;
}

export interface ItemEvaluationView {
  itemCode: string;
  itemName: string;
  departmentId: string;
  promisedDays: number | null;
  legalDays: number | null;
  indicators: IndicatorsView;
}

export interface PeriodView {
  /** `2026-03` or `2026-Q1`. */
  label: string;
  kind: 'month' | 'quarter';
  months: string[];
  /** Start and end (exclusive) as instants. */
  from: string;
  to: string;
  /** The period is still running: its figures will change. */
  running: boolean;
}

/** `GET /api/evaluation/report`: the departments of the reader's scope, ranked among all. */
export interface EvaluationReportView {
  period: PeriodView;
  /** When the figures were read; a notice's response deadline after it is still pending. */
  asOf: string;
  office: string;
  scheme: { name: string; base: number };
  /** An officer's own department; null: every department. */
  departmentId: string | null;
  /** How many departments were ranked (an officer sees only their own row, with its rank among them). */
  ranked: number;
  departments: DepartmentEvaluationView[];
}

/** `GET /api/evaluation/items`. */
export interface ItemsReportView {
  period: PeriodView;
  asOf: string;
  departmentId: string | null;
  items: ItemEvaluationView[];
}

/** `GET /api/evaluation/scheme` (the fields the page writes its scoring rules with). */
export interface SchemeView {
  name: string;
  base: number;
  deductions: {
    warning: { every: number; points: number };
    yellow: number;
    red: number;
    dataQuality: { perSignal: number; max: number };
    lateResponse: { perNotice: number; max: number };
  };
  bonuses: { max: number };
  grades: { excellent: number; good: number; pass: number };
  redCardBlocksExcellent: boolean;
}
