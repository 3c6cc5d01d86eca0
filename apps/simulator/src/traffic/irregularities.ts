/**
 * The irregularities the simulator injects, named after the rule of `docs/rules.md` that must fire for
 * them. A case carries at most one; it may raise other signals as a consequence (a late supplement
 * request is also an overdue acceptance).
 */
export const LICENSING_IRREGULARITIES = [
  'ACCEPTANCE_OVERDUE',
  'SUPPLEMENT_LATE',
  'SUPPLEMENT_REPEATED',
  'REFUSAL_WITHOUT_REASON',
  'REFUSAL_WITH_COMPLETE_MATERIALS',
  'FEE_NOT_IN_CATALOG',
  'FEE_ABOLISHED',
  'FEE_OVER_STANDARD',
  'FEE_UNDER_STANDARD',
  'FEE_PAID_UNASSESSED',
  'FEE_OVERPAID',
  'EXTENSION_IRREGULAR',
  'EXTENSION_AFTER_DEADLINE',
  'DENIAL_WITHOUT_REASON',
  'DELIVERY_OVERDUE',
  'EVALUATION_DISSATISFIED',
] as const;

export const PENALTY_IRREGULARITIES = [
  'PENALTY_UNKNOWN_VIOLATION',
  'PENALTY_OUT_OF_LEGAL_RANGE',
  'PENALTY_OUT_OF_TIER',
  'HEARING_NOT_NOTIFIED',
  'FINE_OVERPAID',
] as const;

/** Irregularities that fit licensing and penalty cases alike. */
export const COMMON_IRREGULARITIES = [
  'ITEM_NOT_IN_CATALOG',
  'TIME_OVERDUE',
  'TIME_OVERDUE_RED',
  'STEP_OVERDUE',
  'SUSPENSION_NOT_ALLOWED',
  'SUSPENSION_OVERLONG',
  'FEE_DUPLICATE_RECEIPT',
  'PAYEE_NOT_TREASURY',
  'DATA_OUT_OF_SEQUENCE',
  'DATA_REPORTED_LATE',
] as const;

export const IRREGULARITY_KINDS = [
  ...LICENSING_IRREGULARITIES,
  ...PENALTY_IRREGULARITIES,
  ...COMMON_IRREGULARITIES,
] as const;
export type IrregularityKind = (typeof IRREGULARITY_KINDS)[number];

export type CaseKind = 'licensing' | 'penalty';

export function irregularitiesFor(kind: CaseKind): readonly IrregularityKind[] {
  return kind === 'licensing'
    ? [...LICENSING_IRREGULARITIES, ...COMMON_IRREGULARITIES]
    : [...PENALTY_IRREGULARITIES, ...COMMON_IRREGULARITIES];
}

export function isIrregularityKind(value: string): value is IrregularityKind {
  return (IRREGULARITY_KINDS as readonly string[]).includes(value);
}

/**
 * The irregularities whose rule judges an event by itself, not days elapsed against the calendar:
 * they still fire when a case's life is compressed into minutes (`TimeCompression`). The others
 * (overdue acceptance, steps, suspension, delivery, late supplement requests and late reports)
 * need real working days to pass, and the demo's history brings them.
 */
export const COMPRESSIBLE_IRREGULARITIES: readonly IrregularityKind[] = IRREGULARITY_KINDS.filter(
  (kind) =>
    ![
      'ACCEPTANCE_OVERDUE',
      'SUPPLEMENT_LATE',
      'TIME_OVERDUE',
      'TIME_OVERDUE_RED',
      'STEP_OVERDUE',
      'SUSPENSION_OVERLONG',
      'DELIVERY_OVERDUE',
      'DATA_REPORTED_LATE',
      // asked for after the promised limit: days must pass first
      'EXTENSION_AFTER_DEADLINE',
      // judged against the fee's validity dates, which a compressed case would cross
      'FEE_ABOLISHED',
    ].includes(kind),
);
