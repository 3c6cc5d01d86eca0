import type { CatalogIndex } from '@app/catalog';
import type { ApprovalEvent, ApprovalEventOf, EventType, Item } from '@app/contracts';
import type { GeneratedCase } from '../case-generator';
import type { IrregularityKind } from '../irregularities';

/**
 * Independent checks, one per irregularity, of what a case's events show, in the words of
 * `docs/rules.md` (simplified where the simulator never combines things, e.g. a late case is never
 * suspended). The generator's tests use them to prove that an irregular case shows its
 * irregularity and a regular case shows none. Not the rule engine: a second opinion.
 */
export interface CheckContext {
  index: CatalogIndex;
  /** Every payment of the sample: receipt number → instants, to judge duplicates across cases. */
  payments: Map<string, number[]>;
}

const at = (event: ApprovalEvent) => Date.parse(event.occurredAt);
const blank = (text: string | undefined) => text === undefined || text.trim() === '';

function ofType<T extends EventType>(generated: GeneratedCase, type: T): ApprovalEventOf<T>[] {
  return generated.events.filter((event): event is ApprovalEventOf<T> => event.type === type);
}

function first<T extends EventType>(generated: GeneratedCase, type: T): ApprovalEventOf<T> | undefined {
  return ofType(generated, type)[0];
}

/** The end (exclusive) of the n-th day after an instant's date, in the item's unit. */
function deadlineAfter(
  index: CatalogIndex,
  instant: number,
  days: number,
  unit: Item['timeUnit'] = 'workday',
): number {
  const calendar = index.calendar;
  return calendar.endOf(calendar.addDays(calendar.dateOf(instant), days, unit));
}

function clockEvents(generated: GeneratedCase): { start?: ApprovalEvent; stop?: ApprovalEvent } {
  const start = first(generated, 'case.accepted') ?? first(generated, 'penalty.filed');
  const stop = first(generated, 'case.completed') ?? first(generated, 'penalty.decided');
  return { ...(start ? { start } : {}), ...(stop ? { stop } : {}) };
}

function itemOf(generated: GeneratedCase, context: CheckContext): Item | undefined {
  return context.index.items.get(generated.itemCode);
}

export const IRREGULARITY_CHECKS: Record<
  IrregularityKind,
  (generated: GeneratedCase, context: CheckContext) => boolean
> = {
  ACCEPTANCE_OVERDUE: (generated, { index }) => {
    const submitted = first(generated, 'case.submitted');
    const answer = generated.events.find((event) =>
      ['case.accepted', 'case.refused', 'case.supplement_requested'].includes(event.type),
    );
    return (
      !!submitted &&
      !!answer &&
      at(answer) >= deadlineAfter(index, at(submitted), index.settings.acceptanceDays)
    );
  },
  SUPPLEMENT_LATE: (generated, { index }) => {
    const submitted = first(generated, 'case.submitted');
    return (
      !!submitted &&
      ofType(generated, 'case.supplement_requested').some(
        (event) => at(event) >= deadlineAfter(index, at(submitted), index.settings.supplementNoticeDays),
      )
    );
  },
  SUPPLEMENT_REPEATED: (generated) => ofType(generated, 'case.supplement_requested').length >= 2,
  REFUSAL_WITHOUT_REASON: (generated) =>
    ofType(generated, 'case.refused').some(
      (event) => blank(event.payload.reason) && blank(event.payload.legalBasis),
    ),
  REFUSAL_WITH_COMPLETE_MATERIALS: (generated, context) => {
    const item = itemOf(generated, context);
    if (!item || !first(generated, 'case.refused')) return false;
    const materials = new Set([
      ...ofType(generated, 'case.submitted').flatMap((event) => event.payload.materials),
      ...ofType(generated, 'case.supplemented').flatMap((event) => event.payload.materials),
    ]);
    return item.requiredMaterials.every((material) => materials.has(material));
  },
  ITEM_NOT_IN_CATALOG: (generated, { index }) => !index.items.has(generated.itemCode),
  FEE_NOT_IN_CATALOG: (generated, context) => {
    const item = itemOf(generated, context);
    return ofType(generated, 'fee.assessed').some(
      (event) =>
        !context.index.fees.has(event.payload.feeCode) || !item?.feeCodes.includes(event.payload.feeCode),
    );
  },
  FEE_ABOLISHED: (generated, { index }) =>
    ofType(generated, 'fee.assessed').some((event) => {
      const fee = index.fees.get(event.payload.feeCode);
      const day = index.calendar.format(index.calendar.dateOf(at(event)));
      return !!fee && (day < fee.effectiveFrom || (fee.effectiveTo !== null && day > fee.effectiveTo));
    }),
  FEE_OVER_STANDARD: (generated, { index }) =>
    ofType(generated, 'fee.assessed').some((event) => {
      const fee = index.fees.get(event.payload.feeCode);
      return !!fee && event.payload.amount > fee.unitAmount * (event.payload.quantity ?? 1);
    }),
  FEE_UNDER_STANDARD: (generated, { index }) =>
    ofType(generated, 'fee.assessed').some((event) => {
      const fee = index.fees.get(event.payload.feeCode);
      return !!fee && event.payload.amount < fee.unitAmount * (event.payload.quantity ?? 1);
    }),
  FEE_PAID_UNASSESSED: (generated) =>
    ofType(generated, 'fee.paid').some(
      (paid) =>
        !ofType(generated, 'fee.assessed').some(
          (assessed) => assessed.payload.feeCode === paid.payload.feeCode && at(assessed) <= at(paid),
        ),
    ),
  FEE_OVERPAID: (generated) => {
    const assessed = ofType(generated, 'fee.assessed');
    return ofType(generated, 'fee.paid').some((paid) => {
      const code = paid.payload.feeCode;
      const due = assessed
        .filter((event) => event.payload.feeCode === code)
        .reduce((sum, event) => sum + event.payload.amount, 0);
      const total = ofType(generated, 'fee.paid')
        .filter((event) => event.payload.feeCode === code)
        .reduce((sum, event) => sum + event.payload.amount, 0);
      return due > 0 && total > due;
    });
  },
  FEE_DUPLICATE_RECEIPT: (generated, { payments }) =>
    [...ofType(generated, 'fee.paid'), ...ofType(generated, 'penalty.paid')].some((event) => {
      const instants = payments.get(event.payload.receiptNo) ?? [];
      return instants.filter((instant) => instant <= at(event)).length >= 2;
    }),
  PAYEE_NOT_TREASURY: (generated, { index }) =>
    ofType(generated, 'fee.paid').some((event) => event.payload.payee === 'department') ||
    ofType(generated, 'penalty.paid').some(
      (event) =>
        event.payload.payee === 'department' && event.payload.amount > index.settings.onSpotFineLimit,
    ),
  EXTENSION_IRREGULAR: (generated, { index }) => {
    const extensions = ofType(generated, 'case.extended');
    return (
      extensions.length >= 2 ||
      extensions.some(
        (event) => event.payload.days > index.settings.maxExtensionDays || blank(event.payload.reason),
      )
    );
  },
  EXTENSION_AFTER_DEADLINE: (generated, context) => {
    const item = itemOf(generated, context);
    const { start } = clockEvents(generated);
    if (!item || !start) return false;
    const promised = deadlineAfter(context.index, at(start), item.promisedDays, item.timeUnit);
    return ofType(generated, 'case.extended').some((event) => at(event) >= promised);
  },
  DENIAL_WITHOUT_REASON: (generated) =>
    ofType(generated, 'case.completed').some(
      (event) =>
        event.payload.result === 'denied' && blank(event.payload.reason) && blank(event.payload.legalBasis),
    ),
  DELIVERY_OVERDUE: (generated, { index }) => {
    const approved = ofType(generated, 'case.completed').find((event) => event.payload.result === 'approved');
    if (!approved) return false;
    const delivered = first(generated, 'case.delivered');
    return !delivered || at(delivered) >= deadlineAfter(index, at(approved), index.settings.deliveryDays);
  },
  EVALUATION_DISSATISFIED: (generated, { index }) =>
    ofType(generated, 'case.evaluated').some(
      (event) => event.payload.score <= index.settings.dissatisfiedScore,
    ),
  PENALTY_UNKNOWN_VIOLATION: (generated, { index }) =>
    [...ofType(generated, 'penalty.proposed'), ...ofType(generated, 'penalty.decided')].some((event) => {
      const benchmark = index.benchmarks.get(event.payload.violationCode);
      return !benchmark || !benchmark.tiers[event.payload.tier];
    }),
  PENALTY_OUT_OF_LEGAL_RANGE: (generated, { index }) =>
    [...ofType(generated, 'penalty.proposed'), ...ofType(generated, 'penalty.decided')].some((event) => {
      const benchmark = index.benchmarks.get(event.payload.violationCode);
      if (!benchmark?.tiers[event.payload.tier]) return false;
      const { fine, tier } = event.payload;
      if (tier === 'exempt') return fine > 0;
      if (tier === 'mitigated') return fine >= benchmark.legalMin;
      return fine < benchmark.legalMin || fine > benchmark.legalMax;
    }),
  PENALTY_OUT_OF_TIER: (generated, { index }) =>
    [...ofType(generated, 'penalty.proposed'), ...ofType(generated, 'penalty.decided')].some((event) => {
      const range = index.benchmarks.get(event.payload.violationCode)?.tiers[event.payload.tier];
      return !!range && (event.payload.fine < range[0] || event.payload.fine > range[1]);
    }),
  HEARING_NOT_NOTIFIED: (generated, { index }) => {
    const decided = first(generated, 'penalty.decided');
    const filed = first(generated, 'penalty.filed');
    const benchmark = decided && index.benchmarks.get(decided.payload.violationCode);
    if (!decided || !filed || !benchmark) return false;
    return (
      decided.payload.fine >= benchmark.hearingThreshold[filed.payload.party.kind] &&
      !ofType(generated, 'penalty.hearing_notified').some((event) => at(event) <= at(decided))
    );
  },
  FINE_OVERPAID: (generated) => {
    const decided = first(generated, 'penalty.decided');
    const paid = ofType(generated, 'penalty.paid');
    const total = paid.reduce((sum, event) => sum + event.payload.amount, 0);
    return (
      paid.some((event) => !decided || at(event) < at(decided)) || (!!decided && total > decided.payload.fine)
    );
  },
  TIME_OVERDUE: (generated, context) => {
    const item = itemOf(generated, context);
    const { start, stop } = clockEvents(generated);
    if (!item || !start || !stop || first(generated, 'case.suspended')) return false;
    return at(stop) >= deadlineAfter(context.index, at(start), item.promisedDays, item.timeUnit);
  },
  TIME_OVERDUE_RED: (generated, context) => {
    const item = itemOf(generated, context);
    const { start, stop } = clockEvents(generated);
    if (!item || !start || !stop || first(generated, 'case.suspended')) return false;
    const calendar = context.index.calendar;
    const promised = calendar.addDays(calendar.dateOf(at(start)), item.promisedDays, item.timeUnit);
    const legal = calendar.addDays(calendar.dateOf(at(start)), item.legalDays, item.timeUnit);
    const red = Math.min(calendar.addDays(promised, item.supervisionDays, item.timeUnit), legal);
    return at(stop) >= calendar.endOf(red);
  },
  STEP_OVERDUE: (generated, context) => {
    const item = itemOf(generated, context);
    if (!item || first(generated, 'case.suspended')) return false;
    return ofType(generated, 'step.completed').some((completed) => {
      const step = item.steps.find((candidate) => candidate.code === completed.payload.stepCode);
      const started = ofType(generated, 'step.started').find(
        (event) => event.payload.stepCode === completed.payload.stepCode,
      );
      return (
        !!step &&
        !!started &&
        at(completed) >= deadlineAfter(context.index, at(started), step.limitDays, item.timeUnit)
      );
    });
  },
  SUSPENSION_NOT_ALLOWED: (generated, context) => {
    const item = itemOf(generated, context);
    return ofType(generated, 'case.suspended').some(
      (event) => !item?.suspensions.some((allowed) => allowed.procedure === event.payload.procedure),
    );
  },
  SUSPENSION_OVERLONG: (generated, context) => {
    const item = itemOf(generated, context);
    const suspended = first(generated, 'case.suspended');
    const resumed = first(generated, 'case.resumed');
    if (!item || !suspended || !resumed || at(resumed) < at(suspended)) return false;
    const maxDays =
      item.suspensions.find((allowed) => allowed.procedure === suspended.payload.procedure)?.maxDays ??
      context.index.settings.defaultSuspensionMaxDays;
    return at(resumed) >= deadlineAfter(context.index, at(suspended), maxDays, item.timeUnit);
  },
  DATA_OUT_OF_SEQUENCE: (generated) => {
    let suspended = false;
    let closed = false;
    const running = new Set<string>();
    for (const event of generated.events) {
      if (closed && !['case.delivered', 'case.evaluated', 'fee.paid', 'penalty.paid'].includes(event.type))
        return true;
      if (event.type === 'case.suspended') suspended = true;
      if (event.type === 'case.resumed') {
        if (!suspended) return true;
        suspended = false;
      }
      if (event.type === 'step.started') running.add(event.payload.stepCode);
      if (event.type === 'step.completed' && !running.delete(event.payload.stepCode)) return true;
      if (event.type === 'case.completed' || event.type === 'penalty.decided') closed = true;
    }
    return false;
  },
  DATA_REPORTED_LATE: (generated, { index }) =>
    generated.events.some(
      (event) =>
        event.reportedAt !== undefined &&
        Date.parse(event.reportedAt) - at(event) > index.settings.reportingDelayHours * 3_600_000,
    ),
};
