import type { Level } from '@app/contracts';
import type { RuleFamily } from './families';
import type { RuleId } from './rule-definition';
import { RULES, RULES_BY_ID } from './rules';

/**
 * Rule families (`families.ts`): rules that judge the same thing about a case at rising levels.
 * Within a case, a signal of a family supersedes the lower-level signals of that family (a red
 * supersedes the yellow, a yellow the warning): the lower one is linked to it (`escalated_to`),
 * hidden on the wall (inhibition) and closed together with it. A rule names its family in its own
 * file; a rule without a family is its own family, and signals of the same level never supersede
 * each other.
 */
export function ruleFamily(ruleId: string): string {
  return RULES_BY_ID.get(ruleId as RuleId)?.family?.id ?? ruleId;
}

const RANK: Readonly<Record<Level, number>> = { warning: 0, yellow: 1, red: 2 };

/** Every family some rule names, once, in registry order. */
export const RULE_FAMILIES: readonly RuleFamily[] = [
  ...new Map(RULES.flatMap((rule) => (rule.family ? [[rule.family.id, rule.family] as const] : []))).values(),
];

/** Each family's rules at rising levels, worked out once. */
const MEMBERS: ReadonlyMap<string, readonly string[]> = new Map(
  RULE_FAMILIES.map((family) => [
    family.id,
    RULES.filter((rule) => rule.family?.id === family.id)
      .sort((a, b) => RANK[a.level] - RANK[b.level])
      .map((rule) => rule.id),
  ]),
);

/** The rules of a family, at rising levels (a rule without a family is its own). */
export function rulesOfFamily(family: string): string[] {
  return [...(MEMBERS.get(family) ?? [family])];
}

/**
 * Whether a rule shares its family with other rules. A signal has its rule's level, so only then
 * can it supersede or be superseded: a change to any other signal leaves every link as it was.
 */
export function inSharedFamily(ruleId: string): boolean {
  return (MEMBERS.get(ruleFamily(ruleId))?.length ?? 1) > 1;
}

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

/** A stored signal with its link to the signal that supersedes it. */
export interface LinkedMember extends FamilyMember {
  escalatedTo: string | null;
}

/**
 * The signals whose link to the top of their family (`escalated_to`) is not the one it should be,
 * each with the signal it should point at (null: nothing supersedes it any more). `members` are
 * the non-retracted signals of one or more cases; a family is a case's signals of one rule family.
 */
export function familyRelinks<T extends LinkedMember>(members: readonly T[]): { member: T; top: T | null }[] {
  const families = new Map<string, T[]>();
  for (const member of members) {
    const key = `${member.caseId}\u0000${ruleFamily(member.ruleId)}`;
    const family = families.get(key);
    if (family) family.push(member);
    else families.set(key, [member]);
  }
  const relinks: { member: T; top: T | null }[] = [];
  for (const family of families.values()) {
    for (const member of family) {
      const top = supersedingSignal(member, family);
      if ((top?.alertKey ?? null) !== member.escalatedTo) relinks.push({ member, top });
    }
  }
  return relinks;
}
