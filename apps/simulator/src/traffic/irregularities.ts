import { ACCEPTANCE_OVERDUE } from './irregularities/acceptance-overdue';
import { DATA_OUT_OF_SEQUENCE } from './irregularities/data-out-of-sequence';
import { DATA_REPORTED_LATE } from './irregularities/data-reported-late';
import { DELIVERY_OVERDUE } from './irregularities/delivery-overdue';
import { DENIAL_WITHOUT_REASON } from './irregularities/denial-without-reason';
import { EVALUATION_DISSATISFIED } from './irregularities/evaluation-dissatisfied';
import { EXTENSION_AFTER_DEADLINE } from './irregularities/extension-after-deadline';
import { EXTENSION_IRREGULAR } from './irregularities/extension-irregular';
import { FEE_ABOLISHED } from './irregularities/fee-abolished';
import { FEE_DUPLICATE_RECEIPT } from './irregularities/fee-duplicate-receipt';
import { FEE_NOT_IN_CATALOG } from './irregularities/fee-not-in-catalog';
import { FEE_OVER_STANDARD } from './irregularities/fee-over-standard';
import { FEE_OVERPAID } from './irregularities/fee-overpaid';
import { FEE_PAID_UNASSESSED } from './irregularities/fee-paid-unassessed';
import { FEE_UNDER_STANDARD } from './irregularities/fee-under-standard';
import { FINE_OVERPAID } from './irregularities/fine-overpaid';
import { HEARING_NOT_NOTIFIED } from './irregularities/hearing-not-notified';
import { ITEM_NOT_IN_CATALOG } from './irregularities/item-not-in-catalog';
import type { CaseKind, Irregularity } from './irregularities/irregularity';
import { PAYEE_NOT_TREASURY } from './irregularities/payee-not-treasury';
import { PENALTY_OUT_OF_LEGAL_RANGE } from './irregularities/penalty-out-of-legal-range';
import { PENALTY_OUT_OF_TIER } from './irregularities/penalty-out-of-tier';
import { PENALTY_UNKNOWN_VIOLATION } from './irregularities/penalty-unknown-violation';
import { REFUSAL_WITH_COMPLETE_MATERIALS } from './irregularities/refusal-with-complete-materials';
import { REFUSAL_WITHOUT_REASON } from './irregularities/refusal-without-reason';
import { STEP_OVERDUE } from './irregularities/step-overdue';
import { SUPPLEMENT_LATE } from './irregularities/supplement-late';
import { SUPPLEMENT_REPEATED } from './irregularities/supplement-repeated';
import { SUSPENSION_NOT_ALLOWED } from './irregularities/suspension-not-allowed';
import { SUSPENSION_OVERLONG } from './irregularities/suspension-overlong';
import { TIME_OVERDUE } from './irregularities/time-overdue';
import { TIME_OVERDUE_RED } from './irregularities/time-overdue-red';

export * from './irregularities/irregularity';

/**
 * The irregularities the simulator injects, one file each, named after the rule of `docs/rules.md`
 * that must fire for them. A case carries at most one; it may raise other signals as a consequence
 * (a late supplement request is also an overdue acceptance).
 *
 * The order is part of the seeded output: a random irregular case draws its kind from this list
 * (those that fit its case kind), so a new irregularity goes at the end of its group (licensing
 * only, penalty only, both), and the benchmarks' and fixtures' expectations move with it.
 */
export const IRREGULARITIES = [
  // licensing cases
  ACCEPTANCE_OVERDUE,
  SUPPLEMENT_LATE,
  SUPPLEMENT_REPEATED,
  REFUSAL_WITHOUT_REASON,
  REFUSAL_WITH_COMPLETE_MATERIALS,
  FEE_NOT_IN_CATALOG,
  FEE_ABOLISHED,
  FEE_OVER_STANDARD,
  FEE_UNDER_STANDARD,
  FEE_PAID_UNASSESSED,
  FEE_OVERPAID,
  EXTENSION_IRREGULAR,
  EXTENSION_AFTER_DEADLINE,
  DENIAL_WITHOUT_REASON,
  DELIVERY_OVERDUE,
  EVALUATION_DISSATISFIED,
  // penalty cases
  PENALTY_UNKNOWN_VIOLATION,
  PENALTY_OUT_OF_LEGAL_RANGE,
  PENALTY_OUT_OF_TIER,
  HEARING_NOT_NOTIFIED,
  FINE_OVERPAID,
  // both
  ITEM_NOT_IN_CATALOG,
  TIME_OVERDUE,
  TIME_OVERDUE_RED,
  STEP_OVERDUE,
  SUSPENSION_NOT_ALLOWED,
  SUSPENSION_OVERLONG,
  FEE_DUPLICATE_RECEIPT,
  PAYEE_NOT_TREASURY,
  DATA_OUT_OF_SEQUENCE,
  DATA_REPORTED_LATE,
] as const;

export type IrregularityKind = (typeof IRREGULARITIES)[number]['kind'];

export const IRREGULARITY_KINDS: readonly IrregularityKind[] = IRREGULARITIES.map(
  (irregularity) => irregularity.kind,
);

const BY_KIND = new Map<string, Irregularity>(
  IRREGULARITIES.map((irregularity) => [irregularity.kind, irregularity]),
);

/** The irregularity of a kind: what it needs and its hooks. */
export function irregularityOf(kind: IrregularityKind): Irregularity {
  return BY_KIND.get(kind) as Irregularity;
}

export function isIrregularityKind(value: string): value is IrregularityKind {
  return BY_KIND.has(value);
}

function kindsWhere(test: (caseKinds: readonly CaseKind[]) => boolean): readonly IrregularityKind[] {
  return IRREGULARITIES.filter((irregularity) => test(irregularity.caseKinds)).map(
    (irregularity) => irregularity.kind,
  );
}

const FOR_CASE_KIND: Record<CaseKind, readonly IrregularityKind[]> = {
  licensing: kindsWhere((caseKinds) => caseKinds.includes('licensing')),
  penalty: kindsWhere((caseKinds) => caseKinds.includes('penalty')),
};

/** The irregularities that fit cases of a kind, in the registry's order. */
export function irregularitiesFor(kind: CaseKind): readonly IrregularityKind[] {
  return FOR_CASE_KIND[kind];
}

export const LICENSING_IRREGULARITIES = kindsWhere((caseKinds) => !caseKinds.includes('penalty'));
export const PENALTY_IRREGULARITIES = kindsWhere((caseKinds) => !caseKinds.includes('licensing'));
/** Irregularities that fit licensing and penalty cases alike. */
export const COMMON_IRREGULARITIES = kindsWhere((caseKinds) => caseKinds.length > 1);

/**
 * The irregularities whose rule judges an event by itself, not days elapsed against the calendar:
 * they still fire when a case's life is compressed into minutes (`TimeCompression`). The others
 * need real working days to pass, and the demo's history brings them.
 */
export const COMPRESSIBLE_IRREGULARITIES: readonly IrregularityKind[] = IRREGULARITIES.filter(
  (irregularity) => irregularity.compressible,
).map((irregularity) => irregularity.kind);
