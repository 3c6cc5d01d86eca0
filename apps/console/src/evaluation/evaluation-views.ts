// What the evaluation API answers: the report page and the wall's ranking board import these types
// (type-only), so keep this file free of Nest and of anything else that runs.
import type { DepartmentEvaluation, Grade, ItemEvaluation, ScoreLineCode } from '@app/evaluation';

export type { DepartmentEvaluation, Grade, ItemEvaluation, ScoreLineCode };

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
  departments: DepartmentEvaluation[];
}

/** `GET /api/evaluation/items`. */
export interface ItemsReportView {
  period: PeriodView;
  asOf: string;
  departmentId: string | null;
  items: ItemEvaluation[];
}
