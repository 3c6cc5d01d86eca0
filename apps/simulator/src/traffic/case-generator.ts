import { DayNumber, formatLocalDate, TimeUnit, WorkingCalendar } from '@app/calendar';
import { buildCatalogIndex, CatalogIndex } from '@app/catalog';
import {
  ApprovalEvent,
  CatalogData,
  EventType,
  Fee,
  Item,
  ItemStep,
  PartyKind,
  Payee,
  PayloadByType,
  PenaltyBenchmark,
  SUSPENSION_PROCEDURES,
  SuspensionProcedure,
  Tier,
} from '@app/contracts';
import {
  CaseContext,
  CaseKind,
  DecisionContext,
  FeeLine,
  Irregularity,
  IRREGULARITY_KINDS,
  irregularitiesFor,
  irregularityOf,
  IrregularityKind,
  MoneyHooks,
  PlanContext,
  SuspensionChoice,
} from './irregularities';
import { unknownViolation } from './irregularities/penalty-unknown-violation';
import {
  CaseBuilder,
  CatalogLookups,
  ClockDays,
  PlacedEvent,
  Placement,
  plan,
  Planned,
  REUSE_RECEIPT,
} from './lifecycle';
import {
  COMPLAINTS,
  DECISION_REASONS,
  DENIAL_REASONS,
  EXTENSION_REASONS,
  organizationName,
  personName,
  PRAISE,
  REFUSAL_REASONS,
  SUSPENSION_NOTES,
} from './names';
import { aDecision, fineIn, PenaltyDecision, TIER_ORDER } from './penalty-decision';
import { Random } from './random';
import { WorkTime } from './work-time';

const MINUTE = 60_000;
/** Days the parties get to state their case after a penalty proposal (陈述申辩 / 听证申请期). */
const PROPOSAL_NOTICE_DAYS = 5;

/** One simulated case: its whole lifecycle, in the order the business system sends it. */
export interface GeneratedCase {
  caseId: string;
  kind: CaseKind;
  itemCode: string;
  departmentId: string;
  /** The injected irregularity, named after the rule that must fire; none for a regular case. */
  irregularity?: IrregularityKind;
  /** Valid events, in `occurredAt` order. */
  events: ApprovalEvent[];
  /** Epoch ms at which the business system sends each event (`reportedAt` when present). */
  sendAt: number[];
}

export interface CaseGeneratorOptions {
  catalog: CatalogData | CatalogIndex;
  seed: number;
  /** Share of cases that carry one irregularity, spread over every kind that fits. Default 0.1. */
  irregularShare?: number;
  /** Share of penalty cases among all cases. Default 0.15. */
  penaltyShare?: number;
  /** Distinguishes the case ids of different runs; derived from the seed by default. */
  runTag?: string;
  /** The irregularities that may be injected (default: all). */
  irregularities?: readonly IrregularityKind[];
}

export interface CaseRequest {
  kind?: CaseKind;
  /** Force this irregularity (when it fits an item of the kind), or `null` for a regular case. */
  irregularity?: IrregularityKind | null;
  itemCode?: string;
}

interface StepWindow {
  step: ItemStep;
  start: DayNumber;
  end: DayNumber;
}

/** The clock of a case and its steps, from acceptance or filing to completion or decision. */
interface Schedule {
  clock: ClockDays;
  windows: StepWindow[];
  /** The day the case completes or is decided (at least the last step's end). */
  completion: DayNumber;
  /** The step allowed to overrun its limit. */
  overdueStepCode: string | undefined;
}

function isCatalogIndex(catalog: CatalogData | CatalogIndex): catalog is CatalogIndex {
  return catalog.items instanceof Map;
}

function fnv(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1)
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
  return hash;
}

/**
 * Generates complete, realistic case lifecycles from a catalogue: licensing (申请 → 补正 → 受理 →
 * 环节 → 特别程序 → 延长 → 收费 → 办结 → 送达 → 评价) and penalty (立案 → 调查 → 告知 → 听证 →
 * 决定 → 缴款), timed in office hours on working days, with a share of irregular cases. Pure and
 * seeded: the same options and the same sequence of calls give the same events; no clock inside.
 *
 * This class plays the regular lifecycle. An irregular case differs where its irregularity
 * (`./irregularities/<rule-id>.ts`) has a hook: `hooks` below, undefined for a regular case.
 */
export class CaseGenerator {
  readonly index: CatalogIndex;
  readonly runTag: string;
  private readonly random: Random;
  private readonly work: WorkTime;
  private readonly calendar: WorkingCalendar;
  private readonly irregularShare: number;
  private readonly penaltyShare: number;
  private readonly allowed: ReadonlySet<IrregularityKind>;
  private readonly licensingItems: Item[];
  private readonly penaltyItems: Item[];
  private readonly lookups: CatalogLookups;
  private readonly officers = new Map<string, { id: string; name: string }[]>();
  private caseCounter = 0;
  private receiptCounter = 0;
  /** Recent payments (receipt number, instant), for the duplicate-receipt irregularity. */
  private readonly recentPayments: { receiptNo: string; at: number }[] = [];

  constructor(options: CaseGeneratorOptions) {
    this.index = isCatalogIndex(options.catalog) ? options.catalog : buildCatalogIndex(options.catalog);
    const root = new Random(options.seed);
    this.random = root.fork('cases');
    this.runTag = options.runTag ?? root.fork('run-tag').token(4);
    this.calendar = this.index.calendar;
    this.work = new WorkTime(this.calendar, this.random);
    this.irregularShare = options.irregularShare ?? 0.1;
    this.penaltyShare = options.penaltyShare ?? 0.15;
    this.allowed = new Set(options.irregularities ?? IRREGULARITY_KINDS);
    this.licensingItems = this.index.data.items.filter((item) => item.kind === 'licensing');
    this.penaltyItems = this.index.data.items.filter((item) => item.kind === 'penalty');
    if (this.licensingItems.length + this.penaltyItems.length === 0)
      throw new Error('the catalogue has no items');
    this.lookups = new CatalogLookups(this.index);
  }

  /** The next case, starting (first event occurring) at `startMs`. */
  next(startMs: number, request: CaseRequest = {}): GeneratedCase {
    const random = this.random;
    const requestedItem = request.itemCode ? this.index.items.get(request.itemCode) : undefined;
    let kind: CaseKind =
      request.kind ??
      requestedItem?.kind ??
      (this.penaltyItems.length > 0 && (this.licensingItems.length === 0 || random.chance(this.penaltyShare))
        ? 'penalty'
        : 'licensing');
    const forced = request.irregularity ?? undefined;
    if (forced && !requestedItem && !request.kind && !irregularitiesFor(kind).includes(forced))
      kind = kind === 'penalty' ? 'licensing' : 'penalty';
    if ((kind === 'penalty' ? this.penaltyItems : this.licensingItems).length === 0)
      kind = kind === 'penalty' ? 'licensing' : 'penalty';
    const startDay = this.work.dateOf(startMs);
    let irregularity: IrregularityKind | undefined;
    if (request.irregularity !== undefined) irregularity = request.irregularity ?? undefined;
    else if (random.chance(this.irregularShare)) {
      const kinds = irregularitiesFor(kind).filter((candidate) => this.allowed.has(candidate));
      if (kinds.length > 0) irregularity = random.pick(kinds);
    }
    let item = requestedItem;
    if (!item) {
      const pool = (kind === 'penalty' ? this.penaltyItems : this.licensingItems).filter(
        (candidate) => irregularity === undefined || this.fits(irregularity, candidate, startDay),
      );
      if (pool.length === 0) irregularity = undefined;
      item = this.pickItem(
        pool.length > 0 ? pool : kind === 'penalty' ? this.penaltyItems : this.licensingItems,
      );
    } else if (irregularity !== undefined && !this.fits(irregularity, item, startDay)) {
      irregularity = undefined;
    }
    this.caseCounter += 1;
    const prefix = item.kind === 'penalty' ? 'CF' : 'SP';
    const caseId = `${prefix}-${formatLocalDate(startDay).replaceAll('-', '')}-${this.runTag}-${String(this.caseCounter).padStart(6, '0')}`;
    const builder = new CaseBuilder(this.work, startMs);
    const hooks = irregularity === undefined ? undefined : irregularityOf(irregularity);
    const c: CaseContext = {
      random,
      work: this.work,
      calendar: this.calendar,
      settings: this.index.settings,
      catalog: this.lookups,
      item,
    };
    if (item.kind === 'penalty') this.penaltyCase(c, builder, startMs, hooks);
    else this.licensingCase(c, builder, startMs, hooks);
    const itemCode = hooks?.itemCode ? hooks.itemCode(c) : item.code;
    return this.finish(c, builder, hooks, {
      caseId,
      kind: item.kind,
      itemCode,
      departmentId: item.departmentId,
      irregularity,
    });
  }

  /** Whether an irregularity can be shown on a case of this item starting on this day. */
  fits(irregularity: IrregularityKind, item: Item, startDay: DayNumber): boolean {
    const hooks = irregularityOf(irregularity);
    return hooks.caseKinds.includes(item.kind) && (hooks.fits?.(item, startDay, this.lookups) ?? true);
  }

  // ---------------------------------------------------------------- licensing

  private licensingCase(c: CaseContext, builder: CaseBuilder, startMs: number, hooks?: Irregularity): void {
    const { random, work, calendar } = this;
    const { item, settings } = c;
    const required = item.requiredMaterials;
    const missingCount = hooks?.missingMaterials
      ? hooks.missingMaterials(c)
      : required.length >= 2 && random.chance(0.22)
        ? random.int(1, Math.min(2, required.length - 1))
        : 0;
    const missing = random.sample(required, missingCount);
    const materials = required.filter((material) => !missing.includes(material));
    if (random.chance(0.3)) materials.push('授权委托书');
    const officeHours = work.isOfficeHours(startMs);
    const channel = officeHours
      ? random.weighted([
          ['window', 45],
          ['online', 50],
          ['mail', 5],
        ] as const)
      : 'online';
    const applicantKind: PartyKind = random.chance(0.35) ? 'person' : 'organization';
    builder.emitAt(
      'case.submitted',
      {
        channel,
        materials,
        applicant: {
          kind: applicantKind,
          name: applicantKind === 'person' ? personName(random) : organizationName(random),
        },
      },
      startMs,
      'party',
    );
    const submittedDay = work.dateOf(startMs);
    const partyPlacement: Placement = channel === 'window' ? 'office' : 'online';

    // 受理前: refusal, supplement requests, acceptance (an irregular case is refused only by its hook)
    const refusal = hooks
      ? hooks.refusal
      : missing.length > 0 && random.chance(0.1)
        ? () => ({ ...REFUSAL_REASONS[2] })
        : undefined;
    if (refusal) {
      const day = work.workdayAfter(submittedDay, random.int(0, 2));
      builder.emit(plan('case.refused', refusal(c), day, 'office'));
      if (random.chance(0.3)) this.evaluate(builder, random.chance(0.5) ? 3 : random.int(3, 5));
      return;
    }
    if (missing.length > 0) {
      if (hooks?.supplements) hooks.supplements(c, { missing, submittedDay, partyPlacement, builder });
      else {
        const offset = hooks?.supplementOffset
          ? hooks.supplementOffset(c)
          : random.int(0, Math.min(2, settings.supplementNoticeDays - 1));
        const requested = work.workdayAfter(submittedDay, offset);
        builder.emit(plan('case.supplement_requested', { missingMaterials: missing }, requested, 'office'));
        builder.emit(
          plan(
            'case.supplemented',
            { materials: missing },
            builder.day + random.int(1, 6),
            partyPlacement,
            'party',
          ),
        );
      }
      builder.emit(plan('case.accepted', {}, work.workdayAfter(builder.day, random.int(0, 2)), 'office'));
    } else {
      const offset = hooks?.acceptanceOffset
        ? hooks.acceptanceOffset(c)
        : random.int(0, Math.min(3, settings.acceptanceDays - 1));
      builder.emit(plan('case.accepted', {}, work.workdayAfter(submittedDay, offset), 'office'));
    }

    // 办理: the clock runs from acceptance
    const acceptedDay = builder.day;
    const schedule = this.schedule(c, hooks, acceptedDay, 0);
    const completionDay = schedule.completion;
    const result: PayloadByType['case.completed'] = hooks?.result
      ? hooks.result(c)
      : hooks?.money
        ? { result: 'approved' }
        : random.weighted<PayloadByType['case.completed']>([
            [{ result: 'approved' }, 90],
            [{ result: 'denied', ...random.pick(DENIAL_REASONS) }, 6],
            [{ result: 'withdrawn', reason: '申请人主动撤回申请' }, 4],
          ]);
    const entries = this.stepEntries(schedule.windows);
    entries.push(plan('case.completed', result, completionDay, 'soon'));

    // fee assessment during the last step (收费 on approval)
    const fee = result.result === 'approved' ? this.feeCharge(c, acceptedDay, hooks?.money) : undefined;
    if (fee?.assessed) {
      const at = this.lastIndexOf(entries, 'step.started') + 1 || entries.length - 1;
      entries.splice(
        at,
        0,
        plan('fee.assessed', fee.assessed, (entries[at - 1] ?? entries[at])?.day ?? completionDay, 'soon'),
      );
    }
    // extension (延长审批) and special procedures (特别程序): rare in a regular case; an irregular
    // case has only what its irregularity adds
    let reopen = false;
    if (hooks)
      hooks.amendPlan?.(
        this.planContext(c, entries, schedule.clock, acceptedDay, completionDay, () => (reopen = true)),
      );
    else {
      if (random.chance(0.03))
        this.insertExtensions(entries, [
          { days: random.int(3, settings.maxExtensionDays), reason: random.pick(EXTENSION_REASONS) },
        ]);
      if (item.suspensions.length > 0 && random.chance(0.12)) this.insertSuspension(entries, item);
    }
    this.keepStepsWithinLimits(entries, item, schedule.overdueStepCode);
    for (const entry of entries) builder.emit(entry);

    // 办结后: payment, delivery, evaluation
    const completedDay = builder.day;
    if (fee?.paid)
      for (const payment of fee.paid)
        builder.emit(
          plan('fee.paid', payment, work.workdayAfter(completedDay, random.int(0, 2)), 'online', 'party'),
        );
    if (result.result === 'approved' || (result.result === 'denied' && random.chance(0.8))) {
      const offset =
        hooks?.deliveryOffset && result.result === 'approved' ? hooks.deliveryOffset(c) : random.int(0, 3);
      const method = random.weighted([
        ['electronic', 50],
        ['window', 35],
        ['mail', 15],
      ] as const);
      builder.emit(plan('case.delivered', { method }, work.workdayAfter(completedDay, offset), 'office'));
    }
    const score = hooks?.evaluationScore?.(c);
    if (score !== undefined) this.evaluate(builder, score);
    else if (random.chance(0.5))
      this.evaluate(
        builder,
        Math.max(
          settings.dissatisfiedScore + 1,
          random.weighted([
            [5, 70],
            [4, 22],
            [3, 8],
          ] as const),
        ),
      );
    if (reopen) builder.emit(plan('case.accepted', {}, calendar.addDays(builder.day, 1), 'office'));
  }

  private evaluate(builder: CaseBuilder, score: number): void {
    const comment =
      score <= this.index.settings.dissatisfiedScore
        ? this.random.pick(COMPLAINTS)
        : this.random.pick(PRAISE);
    const payload: PayloadByType['case.evaluated'] = comment ? { score, comment } : { score };
    builder.emit(plan('case.evaluated', payload, builder.day + this.random.int(0, 5), 'online', 'party'));
  }

  /** What an irregularity's `amendPlan` sees and may do. */
  private planContext(
    c: CaseContext,
    entries: Planned[],
    clock: ClockDays,
    startDay: DayNumber,
    endDay: DayNumber,
    reopenAfterEnd: () => void,
  ): PlanContext {
    return {
      ...c,
      entries,
      clock,
      startDay,
      endDay,
      extend: (extensions) => this.insertExtensions(entries, extensions),
      suspend: (choice) => this.insertSuspension(entries, c.item, choice),
      reopenAfterEnd,
    };
  }

  /** Inserts extension requests right after the second step starts (the first without a second). */
  private insertExtensions(entries: Planned[], extensions: PayloadByType['case.extended'][]): void {
    const starts = entries.flatMap((entry, position) => (entry.type === 'step.started' ? [position] : []));
    const after = starts[Math.min(1, starts.length - 1)] ?? -1;
    const day = entries[after]?.day ?? entries[0]?.day ?? 0;
    entries.splice(after + 1, 0, ...extensions.map((payload) => plan('case.extended', payload, day, 'soon')));
  }

  /**
   * Inserts a suspension right after a step starts and moves every later event forward by the
   * suspended days, exactly as the rules move the deadlines, so a regular case stays on time.
   */
  private insertSuspension(entries: Planned[], item: Item, choice: SuspensionChoice = {}): void {
    const { random, calendar, work } = this;
    const starts = entries.flatMap((entry, position) => (entry.type === 'step.started' ? [position] : []));
    const preferred = starts.filter((position) => {
      const entry = entries[position];
      return entry?.type === 'step.started' && entry.payload.stepCode !== 'accept';
    });
    const after = preferred.length > 0 ? random.pick(preferred) : (starts[0] ?? -1);
    const fromDay = entries[after]?.day ?? entries[0]?.day;
    if (fromDay === undefined) return;
    const nextDay = entries[after + 1]?.day ?? fromDay;
    const suspendedDay = work.workdayAfter(
      fromDay,
      random.int(0, Math.max(0, work.workdaysBetween(fromDay, nextDay))),
    );
    let procedure: SuspensionProcedure;
    let maxDays: number;
    const listed = item.suspensions.filter((entry) =>
      (SUSPENSION_PROCEDURES as readonly string[]).includes(entry.procedure),
    );
    if (choice.unlisted || listed.length === 0) {
      const unlisted = SUSPENSION_PROCEDURES.filter(
        (candidate) => !item.suspensions.some((entry) => entry.procedure === candidate),
      );
      procedure = random.pick(unlisted.length > 0 ? unlisted : SUSPENSION_PROCEDURES);
      maxDays = this.index.settings.defaultSuspensionMaxDays;
    } else {
      const chosen = random.pick(listed);
      procedure = chosen.procedure as SuspensionProcedure;
      maxDays = chosen.maxDays;
    }
    const unit = item.timeUnit;
    const resumedDay = choice.resumedDay
      ? choice.resumedDay(suspendedDay, maxDays)
      : calendar.addDays(suspendedDay, random.int(1, Math.max(1, Math.min(maxDays - 1, 15))), unit);
    const suspendedDays = calendar.countDays(suspendedDay, resumedDay, unit);
    for (let position = after + 1; position < entries.length; position += 1) {
      const entry = entries[position] as Planned;
      entry.day = calendar.addDays(entry.day, suspendedDays, unit);
    }
    entries.splice(
      after + 1,
      0,
      plan('case.suspended', { procedure, note: SUSPENSION_NOTES[procedure] ?? '' }, suspendedDay, 'office'),
      plan('case.resumed', {}, resumedDay, 'office'),
    );
  }

  private feeCharge(
    c: CaseContext,
    startDay: DayNumber,
    money?: MoneyHooks,
  ): { assessed?: PayloadByType['fee.assessed']; paid: PayloadByType['fee.paid'][] } | undefined {
    const { random } = this;
    const active = this.lookups.activeFee(c.item, startDay);
    if (!money && (!active || !random.chance(0.7))) return undefined;
    const fee = money?.fee ? money.fee(c, startDay) : active?.fee;
    const feeCode = fee?.code ?? `FEE-ZX-${random.token(3)}`;
    const quantity = fee ? this.quantityFor(fee) : 1;
    const regular: FeeLine = {
      feeCode,
      quantity,
      standard: fee ? fee.unitAmount * quantity : random.int(5, 200) * 1000,
    };
    const line = money?.charge ? money.charge(c, regular) : regular;
    const amount = money?.amount ? money.amount(c, line.standard) : line.standard;
    const assessed: PayloadByType['fee.assessed'] =
      line.quantity === 1 && random.chance(0.6)
        ? { feeCode: line.feeCode, amount }
        : { feeCode: line.feeCode, quantity: line.quantity, amount };
    const payee: Payee = money?.payee ?? (random.chance(0.7) ? 'bank' : 'treasury');
    const paidAmount = money?.paidAmount ? money.paidAmount(c, amount) : amount;
    const paid: PayloadByType['fee.paid'][] = [];
    if (paidAmount > 0 && (money || random.chance(0.95))) {
      // a duplicate receipt number is chosen once the payment's instant is known (see `finish`)
      const receiptNo = money?.reuseReceipt ? REUSE_RECEIPT : this.nextReceipt(startDay);
      paid.push({ feeCode: line.feeCode, amount: paidAmount, receiptNo, payee });
    }
    return money?.unassessed ? { paid } : { assessed, paid };
  }

  private quantityFor(fee: Fee): number {
    const unit = fee.unit ?? '';
    if (unit.includes('平方米·日')) return this.random.int(10, 200) * this.random.int(3, 30);
    if (unit.includes('平方米·年')) return this.random.int(6, 60);
    if (unit.includes('平方米')) return this.random.int(300, 20000);
    if (unit === '本') return this.random.int(1, 2);
    return 1;
  }

  private nextReceipt(day: DayNumber): string {
    this.receiptCounter += 1;
    const receiptNo = `FS${formatLocalDate(day).replaceAll('-', '')}${this.runTag}${String(this.receiptCounter).padStart(7, '0')}`;
    return receiptNo;
  }

  // ---------------------------------------------------------------- penalty

  private penaltyCase(c: CaseContext, builder: CaseBuilder, startMs: number, hooks?: Irregularity): void {
    const { random, work } = this;
    const { item } = c;
    const filedAt = work.nextOfficeInstant(startMs);
    const benchmarks = this.lookups.benchmarksOf(item);
    const drawnPartyKind: PartyKind = random.chance(0.45) ? 'person' : 'organization';
    const partyKind = hooks?.partyKind ? hooks.partyKind(c, drawnPartyKind) : drawnPartyKind;
    const decision = this.penaltyDecision(c, benchmarks, partyKind, hooks);
    builder.emitAt(
      'penalty.filed',
      {
        violationCode: decision.violationCode,
        party: {
          kind: partyKind,
          name: partyKind === 'person' ? personName(random) : organizationName(random),
        },
      },
      filedAt,
    );
    const filedDay = work.dateOf(filedAt);
    const gap = item.steps.length >= 2 ? PROPOSAL_NOTICE_DAYS : 0;
    const schedule = this.schedule(c, hooks, filedDay, gap);
    const { windows, completion: decisionDay } = schedule;
    const entries = this.stepEntries(windows);
    // 告知: after the step before the last (法制审核), or soon after filing without steps
    const proposalAfter =
      windows.length >= 2 ? this.lastIndexOf(entries, 'step.completed', windows.length - 2) : -1;
    const proposalDay = entries[proposalAfter]?.day ?? filedDay;
    const proposal: Planned[] = [
      plan(
        'penalty.proposed',
        { violationCode: decision.violationCode, tier: decision.proposedTier, fine: decision.proposedFine },
        proposalDay,
        'soon',
      ),
    ];
    if (decision.hearingNotice) proposal.push(plan('penalty.hearing_notified', {}, proposalDay, 'soon'));
    if (decision.paidBeforeDecision)
      proposal.push(
        plan(
          'penalty.paid',
          { amount: decision.proposedFine, receiptNo: this.nextReceipt(proposalDay), payee: 'bank' },
          proposalDay + 1,
          'online',
          'party',
        ),
      );
    entries.splice(proposalAfter + 1, 0, ...proposal);
    if (windows.length < 2) {
      // without a review step the decision still waits for the notice period
      for (let position = proposalAfter + 1 + proposal.length; position < entries.length; position += 1) {
        const entry = entries[position] as Planned;
        entry.day = Math.max(entry.day, this.calendar.nextWorkingDayFrom(proposalDay + PROPOSAL_NOTICE_DAYS));
      }
    }
    const decidedDay = Math.max(decisionDay, entries[entries.length - 1]?.day ?? decisionDay);
    entries.push(
      plan(
        'penalty.decided',
        {
          violationCode: decision.violationCode,
          tier: decision.decidedTier,
          fine: decision.decidedFine,
          reason: random.pick(DECISION_REASONS),
        },
        decidedDay,
        'soon',
      ),
    );
    let reopen = false;
    if (hooks)
      hooks.amendPlan?.(
        this.planContext(c, entries, schedule.clock, filedDay, decidedDay, () => (reopen = true)),
      );
    else if (
      decision.hearingNotice &&
      item.suspensions.some((entry) => entry.procedure === 'hearing') &&
      random.chance(0.4)
    )
      this.insertHearing(entries, item);
    this.keepStepsWithinLimits(entries, item, schedule.overdueStepCode);
    for (const entry of entries) builder.emit(entry);

    // 决定后: delivery of the decision (7 days, 行政处罚法 §61) and payment (15 days, §67)
    const decided = builder.day;
    builder.emit(
      plan(
        'case.delivered',
        { method: random.pick(['window', 'mail'] as const) },
        decided + random.int(0, 5),
        'office',
      ),
    );
    for (const payment of this.finePayments(c, decision, decided, hooks?.money))
      builder.emit(plan('penalty.paid', payment, decided + random.int(1, 15), 'online', 'party'));
    if (reopen)
      builder.emit(
        plan(
          'penalty.filed',
          { violationCode: decision.violationCode, party: { kind: partyKind } },
          builder.day + 1,
          'office',
        ),
      );
  }

  /** A hearing (听证) between the notice and the decision: a suspension the item allows. */
  private insertHearing(entries: Planned[], item: Item): void {
    const { random, calendar } = this;
    const notice = entries.findIndex((entry) => entry.type === 'penalty.hearing_notified');
    if (notice < 0) return;
    const noticeDay = (entries[notice] as Planned).day;
    const nextDay = entries[notice + 1]?.day ?? noticeDay;
    const suspendedDay = Math.min(
      calendar.nextWorkingDayFrom(noticeDay + random.int(3, 5)),
      Math.max(noticeDay, nextDay),
    );
    const maxDays = item.suspensions.find((entry) => entry.procedure === 'hearing')?.maxDays ?? 30;
    const resumedDay = calendar.addDays(
      suspendedDay,
      random.int(5, Math.max(5, Math.min(15, maxDays - 1))),
      item.timeUnit,
    );
    const suspendedDays = calendar.countDays(suspendedDay, resumedDay, item.timeUnit);
    for (let position = notice + 1; position < entries.length; position += 1) {
      const entry = entries[position] as Planned;
      entry.day = calendar.addDays(Math.max(entry.day, suspendedDay), suspendedDays, item.timeUnit);
    }
    entries.splice(
      notice + 1,
      0,
      plan(
        'case.suspended',
        { procedure: 'hearing', note: SUSPENSION_NOTES.hearing ?? '' },
        suspendedDay,
        'office',
      ),
      plan('case.resumed', {}, resumedDay, 'office'),
    );
  }

  private penaltyDecision(
    c: CaseContext,
    benchmarks: PenaltyBenchmark[],
    partyKind: PartyKind,
    hooks: Irregularity | undefined,
  ): PenaltyDecision {
    const { random } = this;
    const threshold = (benchmark: PenaltyBenchmark) => benchmark.hearingThreshold[partyKind];
    // an irregularity about money needs a fine that is collected, not a token one
    const needsFine = hooks?.money !== undefined;
    const regular = (): PenaltyDecision => {
      const candidates = needsFine
        ? benchmarks.filter((benchmark) =>
            TIER_ORDER.some((tier) => tier !== 'exempt' && (benchmark.tiers[tier]?.[1] ?? 0) > 10_000),
          )
        : benchmarks;
      const benchmark = random.pick(candidates.length > 0 ? candidates : benchmarks);
      const [tier, range] = this.regularTier(benchmark, needsFine);
      const proposedFine = fineIn(random, range);
      const decidedFine = random.chance(0.2) ? fineIn(random, [range[0], proposedFine]) : proposedFine;
      const notice =
        proposedFine >= threshold(benchmark) || decidedFine >= threshold(benchmark) || random.chance(0.1);
      return aDecision(benchmark.violationCode, tier, proposedFine, decidedFine, notice);
    };
    const context: DecisionContext = {
      ...c,
      benchmarks,
      partyKind,
      threshold,
      regularTier: (benchmark) => this.regularTier(benchmark),
      regular,
    };
    if (benchmarks.length === 0) return unknownViolation(context);
    return hooks?.decide ? hooks.decide(context) : regular();
  }

  private regularTier(benchmark: PenaltyBenchmark, needsFine = false): [Tier, [number, number]] {
    const weights: Record<Tier, number> = { exempt: 3, mitigated: 7, lighter: 25, ordinary: 50, heavier: 15 };
    const defined = TIER_ORDER.flatMap((tier) => {
      const range = benchmark.tiers[tier];
      if (!range || (needsFine && range[1] <= 10_000)) return [];
      return [[[tier, range], weights[tier]] as const];
    });
    if (defined.length === 0) return ['ordinary', [benchmark.legalMin, benchmark.legalMax]];
    return this.random.weighted(defined) as [Tier, [number, number]];
  }

  /** The payments of a decided penalty (罚款缴纳), regular or irregular. */
  private finePayments(
    c: CaseContext,
    decision: PenaltyDecision,
    decidedDay: DayNumber,
    money?: MoneyHooks,
  ): PayloadByType['penalty.paid'][] {
    const { random } = this;
    const fine = decision.decidedFine;
    if (fine <= 0 || decision.paidBeforeDecision) return [];
    const payee = (): Payee =>
      money?.payee ??
      (fine <= c.settings.onSpotFineLimit && random.chance(0.5)
        ? 'department'
        : random.chance(0.75)
          ? 'bank'
          : 'treasury');
    const payment = (amount: number, receiptNo = this.nextReceipt(decidedDay)) => ({
      amount,
      receiptNo,
      payee: payee(),
    });
    if (money?.finePayments) return money.finePayments(c, fine, payment);
    if (money?.reuseReceipt) return [payment(fine, REUSE_RECEIPT)];
    if (!money && !random.chance(0.85)) return []; // unpaid: enforcement follows
    // instalments (分期缴纳), each with its own receipt
    if (fine > 2 && random.chance(0.05))
      return [payment(Math.floor(fine / 2)), payment(fine - Math.floor(fine / 2))];
    return [payment(fine)];
  }

  // ---------------------------------------------------------------- shared planning

  /** The clock from `startDay`, the completion (or decision) day and the steps' windows. */
  private schedule(
    c: CaseContext,
    hooks: Irregularity | undefined,
    startDay: DayNumber,
    gapBeforeLast: number,
  ): Schedule {
    const { item } = c;
    const clock = this.clockDays(item, startDay);
    const completion = hooks?.completionDay
      ? hooks.completionDay(c, clock, startDay)
      : this.completionDay(clock, startDay);
    const overdueStep = hooks?.overdueStep?.(c);
    const planned = this.planSteps(item, startDay, completion, overdueStep, gapBeforeLast);
    const overdueStepCode = overdueStep === undefined ? undefined : item.steps[overdueStep]?.code;
    return { clock, ...planned, overdueStepCode };
  }

  private clockDays(item: Item, startDay: DayNumber): ClockDays {
    const { calendar } = this;
    const unit: TimeUnit = item.timeUnit;
    const promised = calendar.addDays(startDay, item.promisedDays, unit);
    const legal = calendar.addDays(startDay, item.legalDays, unit);
    const warning =
      item.warnBeforeDays > 0 ? calendar.subDays(promised, item.warnBeforeDays, unit) : promised + 1;
    const red = Math.min(calendar.addDays(promised, item.supervisionDays, unit), legal);
    let onTimeLast = warning - 1;
    while (onTimeLast > startDay && !calendar.isWorkingDay(onTimeLast)) onTimeLast -= 1;
    return { promised, legal, warning, red, onTimeLast: Math.max(startDay, onTimeLast) };
  }

  /** A completion day on time: between 30 % and 90 % of the working days before the warning. */
  private completionDay(clock: ClockDays, startDay: DayNumber): DayNumber {
    const { random, work } = this;
    const span = work.workdaysBetween(startDay, clock.onTimeLast);
    const earliest = Math.min(span, Math.max(1, Math.ceil(span * 0.3)));
    const latest = Math.max(earliest, Math.ceil(span * 0.9));
    return work.workdayAfter(startDay, random.int(earliest, latest));
  }

  /**
   * Working windows for the item's steps between the clock start and the completion day, each
   * within its limit (`end <= addDays(start, limitDays)`), except `overdue`. `gapBeforeLast`
   * calendar days separate the last step from the one before (the notice period of penalties).
   */
  private planSteps(
    item: Item,
    startDay: DayNumber,
    completion: DayNumber,
    overdue: number | undefined,
    gapBeforeLast: number,
  ): { windows: StepWindow[]; completion: DayNumber } {
    const { random, work, calendar } = this;
    const unit = item.timeUnit;
    const steps = item.steps;
    const total = work.workdaysBetween(startDay, completion);
    const windows: StepWindow[] = [];
    let cursor = startDay;
    steps.forEach((step, position) => {
      const last = position === steps.length - 1;
      let start = cursor;
      if (last && gapBeforeLast > 0 && position > 0)
        start = Math.max(start, calendar.nextWorkingDayFrom(cursor + gapBeforeLast));
      if (last && position !== overdue) {
        const latestStart =
          unit === 'workday'
            ? calendar.subDays(completion, step.limitDays)
            : calendar.nextWorkingDayFrom(completion - step.limitDays);
        start = Math.max(start, latestStart);
        windows.push({ step, start, end: Math.max(start, completion) });
        return;
      }
      const deadline = calendar.addDays(start, step.limitDays, unit);
      let end: DayNumber;
      if (position === overdue) end = calendar.addDays(deadline, random.int(1, 2));
      else {
        const targetIndex = Math.max(
          0,
          Math.round((total * (position + 1)) / steps.length) + random.int(-1, 1),
        );
        const target = work.workdayAfter(startDay, targetIndex);
        end = Math.max(start, Math.min(target, deadline, Math.max(start, completion)));
      }
      windows.push({ step, start, end });
      cursor = end;
    });
    const lastEnd = windows[windows.length - 1]?.end ?? completion;
    return { windows, completion: Math.max(completion, lastEnd) };
  }

  /**
   * Moving events by calendar days and rolling them to a working day can stretch a step that
   * starts after a suspension past its limit (the rules compute its deadline from its new start).
   * Pulls such a step's completion back to its last day; workday items are exact already.
   */
  private keepStepsWithinLimits(entries: Planned[], item: Item, overdueStepCode: string | undefined): void {
    if (item.timeUnit === 'workday') return;
    const started = new Map<string, DayNumber>();
    let suspendedSince = new Set<string>();
    for (const entry of entries) {
      if (entry.type === 'step.started') started.set(entry.payload.stepCode, entry.day);
      if (entry.type === 'case.suspended') suspendedSince = new Set(started.keys());
      if (entry.type !== 'step.completed' || entry.payload.stepCode === overdueStepCode) continue;
      const code = entry.payload.stepCode;
      const start = started.get(code);
      const step = item.steps.find((candidate) => candidate.code === code);
      if (start === undefined || !step || suspendedSince.has(code)) continue;
      entry.day = Math.min(entry.day, this.calendar.addDays(start, step.limitDays, item.timeUnit));
    }
  }

  private stepEntries(windows: StepWindow[]): Planned[] {
    return windows.flatMap((window, position) => [
      plan('step.started', { stepCode: window.step.code }, window.start, position === 0 ? 'soon' : 'office'),
      plan('step.completed', { stepCode: window.step.code, outcome: 'pass' }, window.end, 'office'),
    ]);
  }

  private lastIndexOf(entries: Planned[], type: EventType, occurrence?: number): number {
    const positions = entries.flatMap((entry, position) => (entry.type === type ? [position] : []));
    return occurrence === undefined ? (positions[positions.length - 1] ?? -1) : (positions[occurrence] ?? -1);
  }

  // ---------------------------------------------------------------- choices

  private pickItem(items: readonly Item[]): Item {
    // some items are far more popular than others (食品经营许可 against 放射诊疗许可)
    return this.random.weighted(items.map((item) => [item, 1 + (fnv(item.code) % 6)] as const));
  }

  // ---------------------------------------------------------------- envelope

  private finish(
    c: CaseContext,
    builder: CaseBuilder,
    hooks: Irregularity | undefined,
    meta: {
      caseId: string;
      kind: CaseKind;
      itemCode: string;
      departmentId: string;
      irregularity?: IrregularityKind;
    },
  ): GeneratedCase {
    const { random, work } = this;
    const officers = this.officersOf(meta.departmentId);
    const caseOfficers = random.sample(officers, 2);
    this.resolveReceipts(builder);
    const sendAt: number[] = [];
    const lateLast = hooks?.lastReportDelay;
    const events = builder.placed.map((placed, position) => {
      const last = position === builder.placed.length - 1;
      let delay: number;
      if (last && lateLast) delay = lateLast(c);
      else
        delay = random.weighted([
          [random.int(1, 30) * 1000, 60],
          [random.int(30, 600) * 1000, 25],
          [random.int(10, 60) * MINUTE, 12],
          [random.int(60, 360) * MINUTE, 3],
        ] as const);
      const send = Math.max(placed.at + delay, sendAt[position - 1] ?? 0);
      sendAt.push(send);
      const reported = !(random.chance(0.02) && !(last && lateLast));
      const officer = caseOfficers[position % 3 === 0 ? 0 : caseOfficers.length - 1];
      const event = {
        eventId: `${meta.caseId}-${String(position + 1).padStart(2, '0')}`,
        schemaVersion: 1,
        type: placed.type,
        caseId: meta.caseId,
        itemCode: meta.itemCode,
        departmentId: meta.departmentId,
        occurredAt: work.format(placed.at),
        ...(reported ? { reportedAt: work.format(send) } : {}),
        ...(placed.by === 'officer' && officer ? { actor: officer } : {}),
        payload: placed.payload,
      };
      return event as ApprovalEvent;
    });
    const generated: GeneratedCase = {
      caseId: meta.caseId,
      kind: meta.kind,
      itemCode: meta.itemCode,
      departmentId: meta.departmentId,
      events,
      sendAt,
    };
    if (meta.irregularity) generated.irregularity = meta.irregularity;
    return generated;
  }

  /**
   * Gives a payment marked for the duplicate-receipt irregularity the receipt number of an earlier
   * payment (earlier in time, so replay sees the original first); without one, splits it into
   * two payments under one new receipt. Records every payment for later duplicates.
   */
  private resolveReceipts(builder: CaseBuilder): void {
    for (let position = 0; position < builder.placed.length; position += 1) {
      const placed = builder.placed[position] as PlacedEvent;
      if (placed.type !== 'fee.paid' && placed.type !== 'penalty.paid') continue;
      const payment = placed.payload as { amount: number; receiptNo: string };
      if (payment.receiptNo === REUSE_RECEIPT) {
        const earlier = this.recentPayments.filter((entry) => entry.at < placed.at);
        if (earlier.length > 0) payment.receiptNo = this.random.pick(earlier).receiptNo;
        else {
          payment.receiptNo = this.nextReceipt(this.work.dateOf(placed.at));
          const part = Math.max(1, Math.floor(payment.amount / 2));
          const second = { ...payment, amount: payment.amount - part };
          payment.amount = part;
          if (second.amount > 0)
            builder.placed.splice(position + 1, 0, {
              ...placed,
              payload: second,
              at: this.work.soonAfter(placed.at, 1, 5),
            });
        }
      }
      this.recentPayments.push({ receiptNo: payment.receiptNo, at: placed.at });
      if (this.recentPayments.length > 200) this.recentPayments.shift();
    }
  }

  private officersOf(departmentId: string): { id: string; name: string }[] {
    let officers = this.officers.get(departmentId);
    if (!officers) {
      const random = new Random(fnv(departmentId));
      officers = Array.from({ length: 8 }, (_, position) => ({
        id: `${departmentId}-${String(position + 1).padStart(3, '0')}`,
        name: personName(random),
      }));
      this.officers.set(departmentId, officers);
    }
    return officers;
  }
}
