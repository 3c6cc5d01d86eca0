import type { DepartmentRow, LevelCounts, OnTimeRate, WallOverview } from '@app/contracts';
import { ruleFamily } from '@app/rules';
import type {
  CaseCounts,
  CompletionCounts,
  HourlyCount,
  OpenSignalCounts,
  WallInstants,
} from '@app/persistence';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Asia/Shanghai: UTC+8 all year, no daylight saving. */
const SHANGHAI_OFFSET = 8 * HOUR;

/** The instants the wall counts against: today and this month in Asia/Shanghai, the last 24 hours. */
export function wallInstants(now: number): WallInstants {
  const local = now + SHANGHAI_OFFSET;
  const dayStart = Math.floor(local / DAY) * DAY - SHANGHAI_OFFSET;
  const localDate = new Date(local);
  const monthStart = Date.UTC(localDate.getUTCFullYear(), localDate.getUTCMonth(), 1) - SHANGHAI_OFFSET;
  const currentHour = Math.floor(now / HOUR) * HOUR;
  return { now, dayStart, dayEnd: dayStart + DAY, monthStart, hoursFrom: currentHour - 23 * HOUR };
}

const noSignals = (): LevelCounts => ({ red: 0, yellow: 0, warning: 0 });

function rate(counts: CompletionCounts): OnTimeRate {
  return { ...counts, rate: counts.completed === 0 ? null : counts.onTime / counts.completed };
}

/**
 * Ranks departments by what needs attention most: open red signals, then yellow, answers overdue,
 * cases overdue, warnings; ties by department id. Rank 1 is the department with most to do.
 */
export function rankDepartments(rows: Omit<DepartmentRow, 'rank'>[]): DepartmentRow[] {
  const keys = (row: Omit<DepartmentRow, 'rank'>) => [
    row.open.red,
    row.open.yellow,
    row.overdueAnswers,
    row.overdueCases,
    row.open.warning,
  ];
  return [...rows]
    .sort((a, b) => {
      const [ka, kb] = [keys(a), keys(b)];
      for (let i = 0; i < ka.length; i += 1) {
        const difference = (kb[i] ?? 0) - (ka[i] ?? 0);
        if (difference !== 0) return difference;
      }
      return a.departmentId.localeCompare(b.departmentId);
    })
    .map((row, index) => ({ ...row, rank: index + 1 }));
}

export interface OverviewInput {
  at: WallInstants;
  /** The departments on the board: the catalogue's, or only the one the reader may see or chose. */
  departments: { id: string; name: string }[];
  cases: CaseCounts[];
  open: OpenSignalCounts[];
  hourly: HourlyCount[];
  completions: { today: CompletionCounts; month: CompletionCounts };
}

/** Tiles, department board and charts from the store's counts. */
export function composeOverview(input: OverviewInput): WallOverview {
  const names = new Map(input.departments.map((d) => [d.id, d.name]));
  const board = new Map<string, Omit<DepartmentRow, 'rank'>>();
  const rowOf = (departmentId: string) => {
    let row = board.get(departmentId);
    if (!row) {
      row = {
        departmentId,
        name: names.get(departmentId) ?? departmentId,
        casesInProgress: 0,
        overdueCases: 0,
        open: noSignals(),
        overdueAnswers: 0,
      };
      board.set(departmentId, row);
    }
    return row;
  };
  for (const department of input.departments) rowOf(department.id);

  const tiles: WallOverview['tiles'] = {
    casesInProgress: 0,
    dueToday: 0,
    overdueCases: 0,
    open: noSignals(),
    overdueAnswers: 0,
    onTimeToday: rate(input.completions.today),
    onTimeMonth: rate(input.completions.month),
  };
  for (const counts of input.cases) {
    const row = rowOf(counts.departmentId);
    row.casesInProgress += counts.inProgress;
    row.overdueCases += counts.overdue;
    tiles.casesInProgress += counts.inProgress;
    tiles.dueToday += counts.dueToday;
    tiles.overdueCases += counts.overdue;
  }
  const families = new Map<string, { ruleIds: Set<string>; open: LevelCounts }>();
  for (const counts of input.open) {
    const row = rowOf(counts.departmentId);
    row.open[counts.level] += counts.open;
    row.overdueAnswers += counts.overdue;
    tiles.open[counts.level] += counts.open;
    tiles.overdueAnswers += counts.overdue;
    const familyId = ruleFamily(counts.ruleId);
    const family = families.get(familyId) ?? { ruleIds: new Set<string>(), open: noSignals() };
    family.ruleIds.add(counts.ruleId);
    family.open[counts.level] += counts.open;
    families.set(familyId, family);
  }

  const hours = Array.from({ length: 24 }, (_, i) => input.at.hoursFrom + i * HOUR);
  const zeros = () => hours.map(() => 0);
  const hourly = {
    hours: hours.map((h) => new Date(h).toISOString()),
    red: zeros(),
    yellow: zeros(),
    warning: zeros(),
  };
  for (const bucket of input.hourly) {
    const index = Math.floor((bucket.hourMs - input.at.hoursFrom) / HOUR);
    if (index >= 0 && index < 24)
      hourly[bucket.level][index] = (hourly[bucket.level][index] ?? 0) + bucket.count;
  }

  const total = (open: LevelCounts) => open.red + open.yellow + open.warning;
  return {
    at: new Date(input.at.now).toISOString(),
    tiles,
    board: rankDepartments([...board.values()]),
    hourly,
    families: [...families.entries()]
      .map(([family, { ruleIds, open }]) => ({ family, ruleIds: [...ruleIds].sort(), open }))
      .filter((family) => total(family.open) > 0)
      .sort((a, b) => total(b.open) - total(a.open) || a.family.localeCompare(b.family)),
  };
}
