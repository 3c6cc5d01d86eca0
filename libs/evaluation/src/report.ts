import { emptyFacts, sumBy, type FactsRow } from './facts';
import { indicatorsOf, type Indicators } from './indicators';
import type { Period } from './period';
import type { EvaluationScheme } from './scheme';
import { promisedCompression, scorePeriod, type PeriodScorecard } from './score';

export interface DepartmentRef {
  id: string;
  name: string;
}

export interface ItemRef {
  code: string;
  name: string;
  departmentId: string;
  promisedDays: number;
  legalDays: number;
}

export interface DepartmentEvaluation extends PeriodScorecard {
  /** 1 for the highest score; departments with equal scores share a rank (1, 2, 2, 4). */
  rank: number;
  departmentId: string;
  departmentName: string;
  indicators: Indicators;
}

export interface ItemEvaluation {
  itemCode: string;
  itemName: string;
  departmentId: string;
  promisedDays: number | null;
  legalDays: number | null;
  indicators: Indicators;
}

export interface EvaluationInput {
  period: Period;
  /** The catalogue's departments and items (in force at the end of the period). */
  departments: readonly DepartmentRef[];
  items: readonly ItemRef[];
  /** Facts per department, item and month of the period. */
  rows: readonly FactsRow[];
  scheme: EvaluationScheme;
}

const byDepartment = (row: FactsRow) => row.departmentId;

/**
 * Scores and ranks every department: the catalogue's, and any other that has facts in the period
 * (a department missing from the catalogue is still evaluated, under its id). Order: score, then
 * on-time rate (a department that completed nothing last among equals), then id.
 */
export function evaluateDepartments(input: EvaluationInput): DepartmentEvaluation[] {
  const { period, rows, scheme } = input;
  const names = new Map(input.departments.map((d) => [d.id, d.name]));
  for (const row of rows) if (!names.has(row.departmentId)) names.set(row.departmentId, row.departmentId);
  const totals = sumBy(rows, byDepartment);
  const perMonth = sumBy(rows, (row) => `${row.departmentId}\u0000${row.month}`);
  const evaluations = [...names].map(([departmentId, departmentName]) => {
    const items = input.items.filter((item) => item.departmentId === departmentId);
    const months = period.months.map((month) => ({
      month,
      facts: perMonth.get(`${departmentId}\u0000${month}`) ?? emptyFacts(),
    }));
    return {
      rank: 0,
      departmentId,
      departmentName,
      ...scorePeriod(months, promisedCompression(items), scheme),
      indicators: indicatorsOf(totals.get(departmentId) ?? emptyFacts()),
    };
  });
  evaluations.sort(
    (a, b) =>
      b.score - a.score ||
      (b.indicators.onTimeRate ?? -1) - (a.indicators.onTimeRate ?? -1) ||
      a.departmentId.localeCompare(b.departmentId),
  );
  evaluations.forEach((evaluation, index) => {
    const previous = evaluations[index - 1];
    evaluation.rank = previous && previous.score === evaluation.score ? previous.rank : index + 1;
  });
  return evaluations;
}

/**
 * Indicators per item: every item with facts in the period, and every catalogued item of the
 * departments asked for (with zeros), by department then item code.
 */
export function evaluateItems(
  input: Pick<EvaluationInput, 'items' | 'rows'>,
  departmentIds?: ReadonlySet<string>,
): ItemEvaluation[] {
  const wanted = (departmentId: string) => !departmentIds || departmentIds.has(departmentId);
  const rows = input.rows.filter((row) => wanted(row.departmentId));
  const totals = sumBy(rows, (row) => `${row.departmentId}\u0000${row.itemCode}`);
  const catalogued = new Map(input.items.map((item) => [item.code, item]));
  if (departmentIds) {
    for (const item of input.items) {
      const key = `${item.departmentId}\u0000${item.code}`;
      if (wanted(item.departmentId) && !totals.has(key)) totals.set(key, emptyFacts());
    }
  }
  return [...totals]
    .map(([key, facts]) => {
      const [departmentId = '', itemCode = ''] = key.split('\u0000');
      const item = catalogued.get(itemCode);
      return {
        itemCode,
        itemName: item?.name ?? itemCode,
        departmentId,
        promisedDays: item?.promisedDays ?? null,
        legalDays: item?.legalDays ?? null,
        indicators: indicatorsOf(facts),
      };
    })
    .sort((a, b) => a.departmentId.localeCompare(b.departmentId) || a.itemCode.localeCompare(b.itemCode));
}
