import { STAGES, type EventType } from '@app/contracts';
import type { EventRule, Rule, RuleId, TimerRule } from '../rule-definition';
import { RULE_FILES } from './rule-files.generated';

/**
 * The order the engine tries rules in for one event: a rule comes before the rules it `excludes`
 * (an exclusive check must run first), otherwise by stage (事前, 事中, 事后, data quality) and id.
 * Nothing else depends on it: a case's signals are sorted before they are stored.
 */
export function engineOrder(rules: readonly Rule[]): Rule[] {
  const excludedBy = new Map<RuleId, number>(rules.map((rule) => [rule.id, 0]));
  for (const rule of rules)
    if (rule.trigger === 'event')
      for (const id of rule.excludes) excludedBy.set(id, (excludedBy.get(id) ?? 0) + 1);
  const rank = (rule: Rule) => STAGES.indexOf(rule.stage);
  const waiting = [...rules].sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : 1));
  const ordered: Rule[] = [];
  while (waiting.length > 0) {
    const next = waiting.findIndex((rule) => excludedBy.get(rule.id) === 0);
    if (next === -1)
      throw new Error(`rules exclude each other in a cycle: ${waiting.map((r) => r.id).join(', ')}`);
    const [rule] = waiting.splice(next, 1) as [Rule];
    ordered.push(rule);
    if (rule.trigger === 'event')
      for (const id of rule.excludes) excludedBy.set(id, (excludedBy.get(id) ?? 0) - 1);
  }
  return ordered;
}

/**
 * Every rule, one per file of this folder (`*.rule.ts`, listed by scripts/generate-registries.cjs):
 * adding a rule is adding its file and its spec. In the engine's order (`engineOrder`).
 */
export const RULES: readonly Rule[] = engineOrder(RULE_FILES);

export const RULES_BY_ID: ReadonlyMap<RuleId, Rule> = new Map(RULES.map((rule) => [rule.id, rule]));

export const TIMER_RULES: readonly TimerRule[] = RULES.filter(
  (rule): rule is TimerRule => rule.trigger === 'timer',
);

/** Event rules by the event type they look at, in registry order. */
export const EVENT_RULES_BY_TYPE: ReadonlyMap<EventType, readonly EventRule[]> = (() => {
  const byType = new Map<EventType, EventRule[]>();
  for (const rule of RULES) {
    if (rule.trigger !== 'event') continue;
    for (const type of rule.eventTypes) {
      const list = byType.get(type) ?? [];
      list.push(rule);
      byType.set(type, list);
    }
  }
  return byType;
})();

export { peerDeviation, type PeerDeviation } from './penalty-peer-deviation.rule';
export { standardAmount } from './fee-over-standard.rule';
export { breaksLegalRange } from './penalty-out-of-legal-range.rule';
