import type { EventType } from '@app/contracts';
import type { EventRule, Rule, RuleId, TimerRule } from '../rule-definition';
import { ACCEPTANCE_OVERDUE } from './acceptance-overdue.rule';
import { DATA_OUT_OF_SEQUENCE } from './data-out-of-sequence.rule';
import { DATA_REPORTED_LATE } from './data-reported-late.rule';
import { DELIVERY_OVERDUE } from './delivery-overdue.rule';
import { DENIAL_WITHOUT_REASON } from './denial-without-reason.rule';
import { EVALUATION_DISSATISFIED } from './evaluation-dissatisfied.rule';
import { EXTENSION_AFTER_DEADLINE } from './extension-after-deadline.rule';
import { EXTENSION_IRREGULAR } from './extension-irregular.rule';
import { FEE_ABOLISHED } from './fee-abolished.rule';
import { FEE_DUPLICATE_RECEIPT } from './fee-duplicate-receipt.rule';
import { FEE_NOT_IN_CATALOG } from './fee-not-in-catalog.rule';
import { FEE_OVER_STANDARD } from './fee-over-standard.rule';
import { FEE_OVERPAID } from './fee-overpaid.rule';
import { FEE_PAID_UNASSESSED } from './fee-paid-unassessed.rule';
import { FEE_UNDER_STANDARD } from './fee-under-standard.rule';
import { FINE_OVERPAID } from './fine-overpaid.rule';
import { HEARING_NOT_NOTIFIED } from './hearing-not-notified.rule';
import { ITEM_NOT_IN_CATALOG } from './item-not-in-catalog.rule';
import { PAYEE_NOT_TREASURY } from './payee-not-treasury.rule';
import { PENALTY_OUT_OF_LEGAL_RANGE } from './penalty-out-of-legal-range.rule';
import { PENALTY_OUT_OF_TIER } from './penalty-out-of-tier.rule';
import { PENALTY_PEER_DEVIATION } from './penalty-peer-deviation.rule';
import { PENALTY_UNKNOWN_VIOLATION } from './penalty-unknown-violation.rule';
import { REFUSAL_WITH_COMPLETE_MATERIALS } from './refusal-with-complete-materials.rule';
import { REFUSAL_WITHOUT_REASON } from './refusal-without-reason.rule';
import { STEP_OVERDUE } from './step-overdue.rule';
import { SUPPLEMENT_LATE } from './supplement-late.rule';
import { SUPPLEMENT_REPEATED } from './supplement-repeated.rule';
import { SUSPENSION_NOT_ALLOWED } from './suspension-not-allowed.rule';
import { SUSPENSION_OVERLONG } from './suspension-overlong.rule';
import { TIME_OVERDUE } from './time-overdue.rule';
import { TIME_OVERDUE_RED } from './time-overdue-red.rule';
import { TIME_WARNING } from './time-warning.rule';

/**
 * Every baseline rule of `docs/rules.md`, in the order the engine tries them for one event. The order
 * matters for exclusive checks: a rule's `excludes` only name rules after it.
 */
export const RULES: readonly Rule[] = [
  ITEM_NOT_IN_CATALOG,
  ACCEPTANCE_OVERDUE,
  SUPPLEMENT_LATE,
  SUPPLEMENT_REPEATED,
  REFUSAL_WITHOUT_REASON,
  REFUSAL_WITH_COMPLETE_MATERIALS,
  FEE_NOT_IN_CATALOG,
  FEE_ABOLISHED,
  FEE_OVER_STANDARD,
  FEE_UNDER_STANDARD,
  PENALTY_UNKNOWN_VIOLATION,
  PENALTY_OUT_OF_LEGAL_RANGE,
  PENALTY_OUT_OF_TIER,
  EXTENSION_IRREGULAR,
  EXTENSION_AFTER_DEADLINE,
  TIME_WARNING,
  TIME_OVERDUE,
  TIME_OVERDUE_RED,
  STEP_OVERDUE,
  SUSPENSION_NOT_ALLOWED,
  SUSPENSION_OVERLONG,
  DENIAL_WITHOUT_REASON,
  DELIVERY_OVERDUE,
  EVALUATION_DISSATISFIED,
  HEARING_NOT_NOTIFIED,
  PENALTY_PEER_DEVIATION,
  FEE_PAID_UNASSESSED,
  FEE_OVERPAID,
  FEE_DUPLICATE_RECEIPT,
  FINE_OVERPAID,
  PAYEE_NOT_TREASURY,
  DATA_OUT_OF_SEQUENCE,
  DATA_REPORTED_LATE,
];

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

export {
  ACCEPTANCE_OVERDUE,
  DATA_OUT_OF_SEQUENCE,
  DATA_REPORTED_LATE,
  DELIVERY_OVERDUE,
  DENIAL_WITHOUT_REASON,
  EVALUATION_DISSATISFIED,
  EXTENSION_AFTER_DEADLINE,
  EXTENSION_IRREGULAR,
  FEE_ABOLISHED,
  FEE_DUPLICATE_RECEIPT,
  FEE_NOT_IN_CATALOG,
  FEE_OVER_STANDARD,
  FEE_OVERPAID,
  FEE_PAID_UNASSESSED,
  FEE_UNDER_STANDARD,
  FINE_OVERPAID,
  HEARING_NOT_NOTIFIED,
  ITEM_NOT_IN_CATALOG,
  PAYEE_NOT_TREASURY,
  PENALTY_OUT_OF_LEGAL_RANGE,
  PENALTY_OUT_OF_TIER,
  PENALTY_PEER_DEVIATION,
  PENALTY_UNKNOWN_VIOLATION,
  REFUSAL_WITH_COMPLETE_MATERIALS,
  REFUSAL_WITHOUT_REASON,
  STEP_OVERDUE,
  SUPPLEMENT_LATE,
  SUPPLEMENT_REPEATED,
  SUSPENSION_NOT_ALLOWED,
  SUSPENSION_OVERLONG,
  TIME_OVERDUE,
  TIME_OVERDUE_RED,
  TIME_WARNING,
};
export { peerDeviation, type PeerDeviation } from './penalty-peer-deviation.rule';
export { standardAmount } from './fee-over-standard.rule';
export { breaksLegalRange } from './penalty-out-of-legal-range.rule';
