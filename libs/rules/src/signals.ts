import type { Signal, Stage } from '@app/contracts';
import type { CaseState } from './case-state';
import type { Finding, RuleDefinition } from './rule-definition';
import { alertKeyOf } from './rule-definition';
import { iso } from './wording';

export function buildSignal(
  rule: RuleDefinition,
  state: Readonly<CaseState>,
  qualifier: string,
  raisedAtMs: number,
  triggeredBy: string,
  finding: Finding,
  stage: Stage = rule.stage,
): Signal {
  return {
    alertKey: alertKeyOf(state.caseId, rule.id, qualifier),
    caseId: state.caseId,
    itemCode: state.itemCode,
    departmentId: state.departmentId,
    ruleId: rule.id,
    stage,
    level: rule.level,
    raisedAt: iso(raisedAtMs),
    triggeredBy,
    message: finding.message,
    details: finding.details,
  };
}

/** The order of signals everywhere: by `raisedAt`, then `alertKey`. */
export function compareSignals(a: Signal, b: Signal): number {
  if (a.raisedAt !== b.raisedAt) return a.raisedAt < b.raisedAt ? -1 : 1;
  return a.alertKey < b.alertKey ? -1 : a.alertKey > b.alertKey ? 1 : 0;
}

export function sortSignals(signals: Signal[]): Signal[] {
  return signals.sort(compareSignals);
}
