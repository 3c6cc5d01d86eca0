import type { Level } from '@app/contracts';

/**
 * Rule families: rules that judge the same thing about a case at rising levels. Within a case, a
 * signal of a family supersedes the lower-level signals of that family (a red supersedes the
 * yellow, a yellow the warning): the lower one is linked to it (`escalated_to`), hidden on the
 * wall (inhibition) and closed together with it. A rule without a family is its own family, and
 * signals of the same level never supersede each other.
 */
const FAMILIES: Readonly<Record<string, string>> = {
  // 到期预警 → 超承诺时限 (黄牌) → 超法定时限/督办期限 (红牌)
  TIME_WARNING: 'time-limit',
  TIME_OVERDUE: 'time-limit',
  TIME_OVERDUE_RED: 'time-limit',
  // 拟处罚超出阶次 (黄牌) → 处罚超出法定幅度 (红牌)
  PENALTY_OUT_OF_TIER: 'penalty-amount',
  PENALTY_OUT_OF_LEGAL_RANGE: 'penalty-amount',
};

export function ruleFamily(ruleId: string): string {
  return FAMILIES[ruleId] ?? ruleId;
}

/** The rules of a family (a rule without a family is its own). */
export function rulesOfFamily(family: string): string[] {
  const members = Object.keys(FAMILIES).filter((ruleId) => FAMILIES[ruleId] === family);
  return members.length > 0 ? members : [family];
}

const RANK: Readonly<Record<Level, number>> = { warning: 0, yellow: 1, red: 2 };

export interface FamilyMember {
  alertKey: string;
  caseId: string;
  ruleId: string;
  level: Level;
}

/** Whether `higher` supersedes `lower`: same case, same family, strictly higher level. */
export function supersedes(higher: FamilyMember, lower: FamilyMember): boolean {
  return (
    higher.alertKey !== lower.alertKey &&
    higher.caseId === lower.caseId &&
    ruleFamily(higher.ruleId) === ruleFamily(lower.ruleId) &&
    RANK[higher.level] > RANK[lower.level]
  );
}

/**
 * The signal that supersedes `member` among `others`: the highest level, then the earliest
 * alert key, so that every lower signal points straight at the top of its family.
 */
export function supersedingSignal<T extends FamilyMember>(
  member: FamilyMember,
  others: readonly T[],
): T | null {
  let best: T | null = null;
  for (const other of others) {
    if (!supersedes(other, member)) continue;
    if (
      best === null ||
      RANK[other.level] > RANK[best.level] ||
      (other.level === best.level && other.alertKey < best.alertKey)
    ) {
      best = other;
    }
  }
  return best;
}
