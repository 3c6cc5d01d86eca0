import { DayNumber, formatLocalDate, parseLocalDate, TimeUnit, WorkingCalendar } from '@app/calendar';
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
import { CaseKind, IRREGULARITY_KINDS, irregularitiesFor, IrregularityKind } from './irregularities';
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
import { Random } from './random';
import { WorkTime } from './work-time';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** A fee must be (in)effective over this many days after a case starts to be used for it. */
const FEE_WINDOW_DAYS = 150;
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

type Placement = 'office' | 'soon' | 'online';
type Actor = 'officer' | 'party';

type PlannedOf<T extends EventType> = {
  type: T;
  payload: PayloadByType[T];
  day: DayNumber;
  placement: Placement;
  by: Actor;
};
type Planned = { [T in EventType]: PlannedOf<T> }[EventType];

function plan<T extends EventType>(
  type: T,
  payload: PayloadByType[T],
  day: DayNumber,
  placement: Placement,
  by: Actor = 'officer',
): Planned {
  return { type, payload, day, placement, by } as Planned;
}

interface PlacedEvent {
  type: EventType;
  payload: object;
  at: number;
  by: Actor;
}

interface StepWindow {
  step: ItemStep;
  start: DayNumber;
  end: DayNumber;
}

interface ClockDays {
  /** Promised last day, legal last day, the day the warning would come, red day. */
  promised: DayNumber;
  legal: DayNumber;
  warning: DayNumber;
  red: DayNumber;
  /** The latest completion day that raises no time signal. */
  onTimeLast: DayNumber;
}

interface FeeDays {
  fee: Fee;
  from: DayNumber;
  to: DayNumber;
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
  private readonly feeDays = new Map<string, FeeDays>();
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
    for (const fee of this.index.data.fees)
      this.feeDays.set(fee.code, {
        fee,
        from: parseLocalDate(fee.effectiveFrom),
        to: fee.effectiveTo === null ? Number.POSITIVE_INFINITY : parseLocalDate(fee.effectiveTo),
      });
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
    if (item.kind === 'penalty') this.penaltyCase(builder, item, startMs, irregularity);
    else this.licensingCase(builder, item, startMs, irregularity);
    const itemCode = irregularity === 'ITEM_NOT_IN_CATALOG' ? this.unknownItemCode(item) : item.code;
    return this.finish(builder, {
      caseId,
      kind: item.kind,
      itemCode,
      departmentId: item.departmentId,
      irregularity,
    });
  }

  // ---------------------------------------------------------------- licensing

  private licensingCase(
    builder: CaseBuilder,
    item: Item,
    startMs: number,
    irregularity?: IrregularityKind,
  ): void {
    const { random, work, calendar } = this;
    const settings = this.index.settings;
    const required = item.requiredMaterials;
    let missingCount = 0;
    if (irregularity === 'SUPPLEMENT_REPEATED') missingCount = Math.min(2, required.length);
    else if (irregularity === 'SUPPLEMENT_LATE' || irregularity === 'REFUSAL_WITHOUT_REASON')
      missingCount = Math.min(random.int(1, 2), required.length);
    else if (
      irregularity !== 'REFUSAL_WITH_COMPLETE_MATERIALS' &&
      irregularity !== 'ACCEPTANCE_OVERDUE' &&
      required.length >= 2 &&
      random.chance(0.22)
    )
      missingCount = random.int(1, Math.min(2, required.length - 1));
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

    // 受理前: refusal, supplement requests, acceptance
    const normalRefusal = irregularity === undefined && missing.length > 0 && random.chance(0.1);
    if (
      irregularity === 'REFUSAL_WITHOUT_REASON' ||
      irregularity === 'REFUSAL_WITH_COMPLETE_MATERIALS' ||
      normalRefusal
    ) {
      const day = work.workdayAfter(submittedDay, random.int(0, 2));
      const payload =
        irregularity === 'REFUSAL_WITHOUT_REASON'
          ? random.pick([{}, { reason: '  ' }, { reason: '', legalBasis: '' }])
          : irregularity === 'REFUSAL_WITH_COMPLETE_MATERIALS'
            ? { ...random.pick(REFUSAL_REASONS.slice(0, 2)) }
            : { ...REFUSAL_REASONS[2] };
      builder.emit(plan('case.refused', payload, day, 'office'), this.work);
      if (random.chance(0.3)) this.evaluate(builder, random.chance(0.5) ? 3 : random.int(3, 5));
      return;
    }
    if (missing.length > 0) {
      if (irregularity === 'SUPPLEMENT_REPEATED') {
        const noticeLimit = work.workdayAfter(submittedDay, settings.supplementNoticeDays - 1);
        const first = work.workdayAfter(submittedDay, random.int(0, 1));
        builder.emit(
          plan('case.supplement_requested', { missingMaterials: [missing[0] as string] }, first, 'office'),
          work,
        );
        builder.emit(
          plan(
            'case.supplemented',
            { materials: [missing[0] as string] },
            calendar.addDays(first, 1),
            partyPlacement,
            'party',
          ),
          work,
        );
        const second = Math.min(calendar.addDays(builder.day, random.int(0, 1)), noticeLimit);
        const secondMissing = missing[1] ?? '补充说明材料';
        builder.emit(
          plan('case.supplement_requested', { missingMaterials: [secondMissing] }, second, 'office'),
          work,
        );
        builder.emit(
          plan(
            'case.supplemented',
            { materials: [secondMissing] },
            calendar.addDays(builder.day, 1),
            partyPlacement,
            'party',
          ),
          work,
        );
      } else {
        const offset =
          irregularity === 'SUPPLEMENT_LATE'
            ? settings.supplementNoticeDays + random.int(1, 3)
            : random.int(0, Math.min(2, settings.supplementNoticeDays - 1));
        builder.emit(
          plan(
            'case.supplement_requested',
            { missingMaterials: missing },
            work.workdayAfter(submittedDay, offset),
            'office',
          ),
          work,
        );
        builder.emit(
          plan(
            'case.supplemented',
            { materials: missing },
            builder.day + random.int(1, 6),
            partyPlacement,
            'party',
          ),
          work,
        );
      }
      builder.emit(
        plan('case.accepted', {}, work.workdayAfter(builder.day, random.int(0, 2)), 'office'),
        work,
      );
    } else {
      const offset =
        irregularity === 'ACCEPTANCE_OVERDUE'
          ? settings.acceptanceDays + random.int(1, 4)
          : random.int(0, Math.min(3, settings.acceptanceDays - 1));
      builder.emit(plan('case.accepted', {}, work.workdayAfter(submittedDay, offset), 'office'), work);
    }

    // 办理: the clock runs from acceptance
    const acceptedDay = builder.day;
    const clock = this.clockDays(item, acceptedDay);
    // an extension asked for after the promised limit comes with a late completion
    const completion = this.completionDay(
      clock,
      acceptedDay,
      irregularity === 'EXTENSION_AFTER_DEADLINE' ? 'TIME_OVERDUE' : irregularity,
    );
    const overdueStep = irregularity === 'STEP_OVERDUE' ? this.overdueStepIndex(item) : undefined;
    const { windows, completion: completionDay } = this.planSteps(
      item,
      acceptedDay,
      completion,
      overdueStep,
      0,
    );
    const result: PayloadByType['case.completed'] =
      irregularity === 'DENIAL_WITHOUT_REASON'
        ? { result: 'denied', ...random.pick([{}, { reason: '' }, { reason: ' ', legalBasis: '' }]) }
        : this.forcesApproval(irregularity)
          ? { result: 'approved' }
          : random.weighted<PayloadByType['case.completed']>([
              [{ result: 'approved' }, 90],
              [{ result: 'denied', ...random.pick(DENIAL_REASONS) }, 6],
              [{ result: 'withdrawn', reason: '申请人主动撤回申请' }, 4],
            ]);
    const entries = this.stepEntries(windows);
    entries.push(plan('case.completed', result, completionDay, 'soon'));

    // fee assessment during the last step (收费 on approval)
    const fee = result.result === 'approved' ? this.feeCharge(item, acceptedDay, irregularity) : undefined;
    if (fee?.assessed) {
      const at = this.lastIndexOf(entries, 'step.started') + 1 || entries.length - 1;
      entries.splice(
        at,
        0,
        plan('fee.assessed', fee.assessed, (entries[at - 1] ?? entries[at])?.day ?? completionDay, 'soon'),
      );
    }
    // extension (延长审批): regular ones are rare, irregular ones too long, repeated or without reason
    if (irregularity === 'EXTENSION_IRREGULAR' || (irregularity === undefined && random.chance(0.03)))
      this.insertExtensions(entries, irregularity === 'EXTENSION_IRREGULAR');
    if (irregularity === 'EXTENSION_AFTER_DEADLINE') this.insertLateExtension(entries, clock);
    // special procedures (特别程序)
    if (irregularity === 'SUSPENSION_NOT_ALLOWED' || irregularity === 'SUSPENSION_OVERLONG')
      this.insertSuspension(entries, item, irregularity);
    else if (irregularity === undefined && item.suspensions.length > 0 && random.chance(0.12))
      this.insertSuspension(entries, item);
    const outOfSequence =
      irregularity === 'DATA_OUT_OF_SEQUENCE'
        ? random.pick(['resumed', 'step', 'after'] as const)
        : undefined;
    if (outOfSequence === 'resumed') entries.unshift(plan('case.resumed', {}, acceptedDay, 'soon'));
    if (outOfSequence === 'step')
      entries.splice(
        entries.length - 1,
        0,
        plan('step.completed', { stepCode: 'archive', outcome: 'pass' }, completionDay, 'soon'),
      );
    this.keepStepsWithinLimits(
      entries,
      item,
      overdueStep === undefined ? undefined : item.steps[overdueStep]?.code,
    );
    for (const entry of entries) builder.emit(entry, work);

    // 办结后: payment, delivery, evaluation
    const completedDay = builder.day;
    if (fee?.paid)
      for (const payment of fee.paid)
        builder.emit(
          plan('fee.paid', payment, work.workdayAfter(completedDay, random.int(0, 2)), 'online', 'party'),
          work,
        );
    if (result.result === 'approved' || (result.result === 'denied' && random.chance(0.8))) {
      const offset =
        irregularity === 'DELIVERY_OVERDUE' && result.result === 'approved'
          ? settings.deliveryDays + random.int(1, 5)
          : random.int(0, 3);
      const method = random.weighted([
        ['electronic', 50],
        ['window', 35],
        ['mail', 15],
      ] as const);
      builder.emit(
        plan('case.delivered', { method }, work.workdayAfter(completedDay, offset), 'office'),
        work,
      );
    }
    if (irregularity === 'EVALUATION_DISSATISFIED')
      this.evaluate(builder, random.int(1, settings.dissatisfiedScore));
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
    if (outOfSequence === 'after')
      builder.emit(plan('case.accepted', {}, calendar.addDays(builder.day, 1), 'office'), work);
  }

  private forcesApproval(irregularity?: IrregularityKind): boolean {
    return (
      irregularity !== undefined &&
      (irregularity.startsWith('FEE_') ||
        irregularity === 'PAYEE_NOT_TREASURY' ||
        irregularity === 'DELIVERY_OVERDUE')
    );
  }

  private evaluate(builder: CaseBuilder, score: number): void {
    const comment =
      score <= this.index.settings.dissatisfiedScore
        ? this.random.pick(COMPLAINTS)
        : this.random.pick(PRAISE);
    const payload: PayloadByType['case.evaluated'] = comment ? { score, comment } : { score };
    builder.emit(
      plan('case.evaluated', payload, builder.day + this.random.int(0, 5), 'online', 'party'),
      this.work,
    );
  }

  private insertExtensions(entries: Planned[], irregular: boolean): void {
    const { random } = this;
    const max = this.index.settings.maxExtensionDays;
    const starts = entries.flatMap((entry, position) => (entry.type === 'step.started' ? [position] : []));
    const after = starts[Math.min(1, starts.length - 1)] ?? -1;
    const day = entries[after]?.day ?? entries[0]?.day ?? 0;
    const variant = irregular ? random.pick(['too_long', 'second', 'no_reason'] as const) : 'regular';
    const extensions: PayloadByType['case.extended'][] =
      variant === 'too_long'
        ? [{ days: max + random.int(1, 10), reason: random.pick(EXTENSION_REASONS) }]
        : variant === 'second'
          ? [
              { days: random.int(3, max), reason: random.pick(EXTENSION_REASONS) },
              { days: random.int(3, max), reason: random.pick(EXTENSION_REASONS) },
            ]
          : variant === 'no_reason'
            ? [random.chance(0.5) ? { days: random.int(3, max) } : { days: random.int(3, max), reason: '' }]
            : [{ days: random.int(3, max), reason: random.pick(EXTENSION_REASONS) }];
    entries.splice(after + 1, 0, ...extensions.map((payload) => plan('case.extended', payload, day, 'soon')));
  }

  /**
   * Inserts a regular-looking extension (days within the limit, a reason) on the first working day
   * after the promised last day, before the case completes: asked for once the limit had run out.
   */
  private insertLateExtension(entries: Planned[], clock: ClockDays): void {
    const { random, calendar } = this;
    const day = calendar.addDays(clock.promised, 1);
    const completion = entries.findIndex((entry) => entry.type === 'case.completed');
    const firstLater = entries.findIndex((entry) => entry.day > day);
    const at = Math.min(
      firstLater === -1 ? entries.length : firstLater,
      completion === -1 ? entries.length : completion,
    );
    const payload = {
      days: random.int(3, this.index.settings.maxExtensionDays),
      reason: random.pick(EXTENSION_REASONS),
    };
    entries.splice(
      at,
      0,
      plan('case.extended', payload, Math.max(day, entries[at - 1]?.day ?? day), 'office'),
    );
  }

  /**
   * Inserts a suspension right after a step starts and moves every later event forward by the
   * suspended days, exactly as the rules move the deadlines, so a regular case stays on time.
   */
  private insertSuspension(
    entries: Planned[],
    item: Item,
    irregularity?: 'SUSPENSION_NOT_ALLOWED' | 'SUSPENSION_OVERLONG',
  ): void {
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
    if (irregularity === 'SUSPENSION_NOT_ALLOWED' || listed.length === 0) {
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
    const resumedDay =
      irregularity === 'SUSPENSION_OVERLONG'
        ? calendar.addDays(calendar.addDays(suspendedDay, maxDays, unit), random.int(1, 3))
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
    item: Item,
    startDay: DayNumber,
    irregularity?: IrregularityKind,
  ): { assessed?: PayloadByType['fee.assessed']; paid: PayloadByType['fee.paid'][] } | undefined {
    const { random } = this;
    const active = this.activeFee(item, startDay);
    const feeIrregular = irregularity?.startsWith('FEE_') === true || irregularity === 'PAYEE_NOT_TREASURY';
    if (!feeIrregular && (!active || !random.chance(0.7))) return undefined;
    let fee = active?.fee;
    if (irregularity === 'FEE_ABOLISHED') fee = this.inactiveFee(item, startDay)?.fee;
    let feeCode = fee?.code ?? `FEE-ZX-${random.token(3)}`;
    let quantity = fee ? this.quantityFor(fee) : 1;
    let standard = fee ? fee.unitAmount * quantity : random.int(5, 200) * 1000;
    if (irregularity === 'FEE_NOT_IN_CATALOG') {
      const foreign = this.index.data.fees.filter((candidate) => !item.feeCodes.includes(candidate.code));
      const chosen = foreign.length > 0 && random.chance(0.5) ? random.pick(foreign) : undefined;
      feeCode = chosen?.code ?? `FEE-ZX-${random.token(3)}`;
      quantity = 1;
      standard = chosen ? chosen.unitAmount : random.int(5, 200) * 1000;
    }
    let amount = standard;
    if (irregularity === 'FEE_OVER_STANDARD')
      amount = standard + Math.max(100, Math.round((standard * random.int(10, 50)) / 100));
    if (irregularity === 'FEE_UNDER_STANDARD') amount = Math.floor((standard * random.int(50, 90)) / 100);
    const assessed: PayloadByType['fee.assessed'] =
      quantity === 1 && random.chance(0.6) ? { feeCode, amount } : { feeCode, quantity, amount };
    const payee: Payee =
      irregularity === 'PAYEE_NOT_TREASURY' ? 'department' : random.chance(0.7) ? 'bank' : 'treasury';
    const paidAmount = irregularity === 'FEE_OVERPAID' ? amount + random.int(1, 20) * 1000 : amount;
    const paid: PayloadByType['fee.paid'][] = [];
    if (paidAmount > 0 && (feeIrregular || random.chance(0.95))) {
      // a duplicate receipt number is chosen once the payment's instant is known (see `finish`)
      const receiptNo = irregularity === 'FEE_DUPLICATE_RECEIPT' ? REUSE_RECEIPT : this.nextReceipt(startDay);
      paid.push({ feeCode, amount: paidAmount, receiptNo, payee });
    }
    return irregularity === 'FEE_PAID_UNASSESSED' ? { paid } : { assessed, paid };
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

  private penaltyCase(
    builder: CaseBuilder,
    item: Item,
    startMs: number,
    irregularity?: IrregularityKind,
  ): void {
    const { random, work } = this;
    const settings = this.index.settings;
    const filedAt = work.nextOfficeInstant(startMs);
    const benchmarks = this.benchmarksOf(item);
    let partyKind: PartyKind = random.chance(0.45) ? 'person' : 'organization';
    if (irregularity === 'HEARING_NOT_NOTIFIED' && !this.hearingNeededPossible(benchmarks, partyKind))
      partyKind = partyKind === 'person' ? 'organization' : 'person';
    const decision = this.penaltyDecision(benchmarks, partyKind, irregularity, item);
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
    const clock = this.clockDays(item, filedDay);
    const completion = this.completionDay(clock, filedDay, irregularity);
    const overdueStep = irregularity === 'STEP_OVERDUE' ? this.overdueStepIndex(item) : undefined;
    const gap = item.steps.length >= 2 ? PROPOSAL_NOTICE_DAYS : 0;
    const { windows, completion: decisionDay } = this.planSteps(item, filedDay, completion, overdueStep, gap);
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
    if (irregularity === 'FINE_OVERPAID' && decision.paidBeforeDecision)
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
    if (irregularity === 'SUSPENSION_NOT_ALLOWED' || irregularity === 'SUSPENSION_OVERLONG')
      this.insertSuspension(entries, item, irregularity);
    else if (
      irregularity === undefined &&
      decision.hearingNotice &&
      item.suspensions.some((entry) => entry.procedure === 'hearing') &&
      random.chance(0.4)
    )
      this.insertHearing(entries, item);
    if (irregularity === 'DATA_OUT_OF_SEQUENCE') {
      const variant = random.pick(['resumed', 'step', 'after'] as const);
      if (variant === 'resumed') entries.unshift(plan('case.resumed', {}, filedDay, 'soon'));
      if (variant === 'step')
        entries.splice(
          entries.length - 1,
          0,
          plan('step.completed', { stepCode: 'archive', outcome: 'pass' }, decidedDay, 'soon'),
        );
      if (variant === 'after') decision.refileAfterDecision = true;
    }
    this.keepStepsWithinLimits(
      entries,
      item,
      overdueStep === undefined ? undefined : item.steps[overdueStep]?.code,
    );
    for (const entry of entries) builder.emit(entry, work);

    // 决定后: delivery of the decision (7 days, 行政处罚法 §61) and payment (15 days, §67)
    const decided = builder.day;
    builder.emit(
      plan(
        'case.delivered',
        { method: random.pick(['window', 'mail'] as const) },
        decided + random.int(0, 5),
        'office',
      ),
      work,
    );
    for (const payment of this.finePayments(decision, decided, settings.onSpotFineLimit))
      builder.emit(plan('penalty.paid', payment, decided + random.int(1, 15), 'online', 'party'), work);
    if (decision.refileAfterDecision)
      builder.emit(
        plan(
          'penalty.filed',
          { violationCode: decision.violationCode, party: { kind: partyKind } },
          builder.day + 1,
          'office',
        ),
        work,
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

  private benchmarksOf(item: Item): PenaltyBenchmark[] {
    const own = this.index.data.discretion.filter((benchmark) =>
      benchmark.violationCode.startsWith(`${item.code}-`),
    );
    return own.length > 0 ? own : this.index.data.discretion;
  }

  private penaltyDecision(
    benchmarks: PenaltyBenchmark[],
    partyKind: PartyKind,
    irregularity: IrregularityKind | undefined,
    item: Item,
  ): PenaltyDecision {
    const { random } = this;
    const threshold = (benchmark: PenaltyBenchmark) => benchmark.hearingThreshold[partyKind];
    if (benchmarks.length === 0 || irregularity === 'PENALTY_UNKNOWN_VIOLATION') {
      const known = benchmarks.length > 0 ? random.pick(benchmarks) : undefined;
      const undefinedTiers = known ? TIER_ORDER.filter((tier) => !known.tiers[tier]) : [];
      const fine = random.int(1, 50) * 10_000;
      if (known && undefinedTiers.length > 0 && random.chance(0.5)) {
        const tier = random.pick(undefinedTiers);
        return aDecision(known.violationCode, tier, fine, fine, false);
      }
      let code = `${item.code}-9${random.int(1, 9)}`;
      while (this.index.benchmarks.has(code)) code = `${code}9`;
      return aDecision(code, 'ordinary', fine, fine, false);
    }
    if (irregularity === 'PENALTY_OUT_OF_LEGAL_RANGE') {
      const benchmark = random.pick(
        benchmarks.filter((candidate) => outOfRangeVariants(candidate).length > 0),
      );
      const [tier, fine] = random.pick(outOfRangeVariants(benchmark))(random);
      const decided = aDecision(benchmark.violationCode, tier, fine, fine, fine >= threshold(benchmark));
      if (random.chance(0.5)) {
        const [proposedTier, range] = this.regularTier(benchmark);
        decided.proposedTier = proposedTier;
        decided.proposedFine = fineIn(random, range);
      }
      return decided;
    }
    if (irregularity === 'PENALTY_OUT_OF_TIER') {
      const benchmark = random.pick(benchmarks.filter((candidate) => outOfTierChoices(candidate).length > 0));
      const [tier, range] = random.pick(outOfTierChoices(benchmark));
      const fine = fineIn(random, range);
      return aDecision(benchmark.violationCode, tier, fine, fine, fine >= threshold(benchmark));
    }
    if (irregularity === 'HEARING_NOT_NOTIFIED') {
      const options = benchmarks.flatMap((benchmark) =>
        TIER_ORDER.flatMap((tier) => {
          const range = benchmark.tiers[tier];
          return range && tier !== 'exempt' && range[1] >= threshold(benchmark)
            ? [{ benchmark, tier, range }]
            : [];
        }),
      );
      const chosen = random.pick(options);
      const fine = fineIn(random, [Math.max(chosen.range[0], threshold(chosen.benchmark)), chosen.range[1]]);
      return aDecision(chosen.benchmark.violationCode, chosen.tier, fine, fine, false);
    }
    const needsFine =
      irregularity === 'FINE_OVERPAID' ||
      irregularity === 'FEE_DUPLICATE_RECEIPT' ||
      irregularity === 'PAYEE_NOT_TREASURY';
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
    const decision = aDecision(benchmark.violationCode, tier, proposedFine, decidedFine, notice);
    decision.irregularity = irregularity;
    if (irregularity === 'FINE_OVERPAID') decision.paidBeforeDecision = random.chance(0.3);
    return decision;
  }

  /** Whether some tier allows a fine that needs a hearing notice for this kind of party. */
  private hearingNeededPossible(benchmarks: readonly PenaltyBenchmark[], partyKind: PartyKind): boolean {
    return benchmarks.some((benchmark) =>
      TIER_ORDER.some(
        (tier) =>
          tier !== 'exempt' && (benchmark.tiers[tier]?.[1] ?? -1) >= benchmark.hearingThreshold[partyKind],
      ),
    );
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
    decision: PenaltyDecision,
    decidedDay: DayNumber,
    onSpotFineLimit: number,
  ): PayloadByType['penalty.paid'][] {
    const { random } = this;
    const fine = decision.decidedFine;
    const irregularity = decision.irregularity;
    if (fine <= 0 || decision.paidBeforeDecision) return [];
    const payee = (): Payee =>
      irregularity === 'PAYEE_NOT_TREASURY'
        ? 'department'
        : fine <= onSpotFineLimit && random.chance(0.5)
          ? 'department'
          : random.chance(0.75)
            ? 'bank'
            : 'treasury';
    const payment = (amount: number, receiptNo = this.nextReceipt(decidedDay)) => ({
      amount,
      receiptNo,
      payee: payee(),
    });
    if (irregularity === 'FINE_OVERPAID')
      return random.chance(0.5)
        ? [payment(fine + random.int(1, 20) * 10_000)]
        : [payment(fine), payment(fine)];
    if (irregularity === 'FEE_DUPLICATE_RECEIPT') return [payment(fine, REUSE_RECEIPT)];
    if (irregularity !== 'PAYEE_NOT_TREASURY' && !random.chance(0.85)) return []; // unpaid: enforcement follows
    // instalments (分期缴纳), each with its own receipt
    if (fine > 2 && random.chance(0.05))
      return [payment(Math.floor(fine / 2)), payment(fine - Math.floor(fine / 2))];
    return [payment(fine)];
  }

  // ---------------------------------------------------------------- shared planning

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

  private completionDay(clock: ClockDays, startDay: DayNumber, irregularity?: IrregularityKind): DayNumber {
    const { random, work, calendar } = this;
    if (irregularity === 'TIME_OVERDUE') {
      const span = work.workdaysBetween(clock.promised, clock.red);
      if (span >= 1) return calendar.addDays(clock.promised, random.int(1, span));
    }
    if (irregularity === 'TIME_OVERDUE' || irregularity === 'TIME_OVERDUE_RED')
      return calendar.addDays(clock.red, random.int(1, 5));
    const span = work.workdaysBetween(startDay, clock.onTimeLast);
    const earliest = Math.min(span, Math.max(1, Math.ceil(span * 0.3)));
    const latest = irregularity === 'STEP_OVERDUE' ? span : Math.max(earliest, Math.ceil(span * 0.9));
    return work.workdayAfter(startDay, random.int(irregularity === 'STEP_OVERDUE' ? span : earliest, latest));
  }

  private overdueStepIndex(item: Item): number | undefined {
    if (item.steps.length === 0) return undefined;
    const smallest = Math.min(...item.steps.map((step) => step.limitDays));
    const candidates = item.steps.flatMap((step, position) =>
      step.limitDays === smallest ? [position] : [],
    );
    return this.random.pick(candidates);
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

  private activeFee(item: Item, day: DayNumber): FeeDays | undefined {
    return item.feeCodes
      .map((code) => this.feeDays.get(code))
      .find(
        (entry) =>
          entry !== undefined &&
          entry.from <= day &&
          day + FEE_WINDOW_DAYS <= entry.to &&
          entry.fee.unitAmount > 0,
      );
  }

  private inactiveFee(item: Item, day: DayNumber): FeeDays | undefined {
    return item.feeCodes
      .map((code) => this.feeDays.get(code))
      .find((entry) => entry !== undefined && (entry.to < day || entry.from > day + FEE_WINDOW_DAYS));
  }

  private unknownItemCode(item: Item): string {
    let code = `${item.code.replace(/-\d+$/, '')}-9${String(this.random.int(0, 99)).padStart(2, '0')}`;
    while (this.index.items.has(code)) code = `${code}X`;
    return code;
  }

  /** Whether an irregularity can be shown on a case of this item starting on this day. */
  fits(irregularity: IrregularityKind, item: Item, startDay: DayNumber): boolean {
    if (!irregularitiesFor(item.kind).includes(irregularity)) return false;
    const benchmarks = item.kind === 'penalty' ? this.benchmarksOf(item) : [];
    const limit = this.index.settings.onSpotFineLimit;
    switch (irregularity) {
      case 'SUPPLEMENT_LATE':
      case 'REFUSAL_WITHOUT_REASON':
        return item.requiredMaterials.length >= 1;
      case 'SUPPLEMENT_REPEATED':
        return item.requiredMaterials.length >= 2;
      case 'FEE_ABOLISHED':
        return this.inactiveFee(item, startDay) !== undefined;
      case 'FEE_OVER_STANDARD':
      case 'FEE_UNDER_STANDARD':
      case 'FEE_OVERPAID':
        return this.activeFee(item, startDay) !== undefined;
      case 'TIME_OVERDUE':
        return item.promisedDays < item.legalDays;
      case 'EXTENSION_AFTER_DEADLINE':
        return item.kind === 'licensing' && item.promisedDays < item.legalDays;
      case 'STEP_OVERDUE':
        return item.steps.length > 0;
      case 'SUSPENSION_OVERLONG':
        return item.suspensions.length > 0;
      case 'PENALTY_UNKNOWN_VIOLATION':
        return true;
      case 'PENALTY_OUT_OF_LEGAL_RANGE':
        return benchmarks.some((benchmark) => outOfRangeVariants(benchmark).length > 0);
      case 'PENALTY_OUT_OF_TIER':
        return benchmarks.some((benchmark) => outOfTierChoices(benchmark).length > 0);
      case 'HEARING_NOT_NOTIFIED':
        return (
          this.hearingNeededPossible(benchmarks, 'person') ||
          this.hearingNeededPossible(benchmarks, 'organization')
        );
      case 'FEE_DUPLICATE_RECEIPT':
      case 'PAYEE_NOT_TREASURY':
      case 'FINE_OVERPAID':
        return item.kind === 'licensing'
          ? this.activeFee(item, startDay) !== undefined
          : benchmarks.some((benchmark) =>
              TIER_ORDER.some((tier) => tier !== 'exempt' && (benchmark.tiers[tier]?.[1] ?? 0) > limit),
            );
      default:
        return true;
    }
  }

  // ---------------------------------------------------------------- envelope

  private finish(
    builder: CaseBuilder,
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
    const events = builder.placed.map((placed, position) => {
      const last = position === builder.placed.length - 1;
      let delay: number;
      if (last && meta.irregularity === 'DATA_REPORTED_LATE')
        delay =
          (this.index.settings.reportingDelayHours + random.int(1, 48)) * HOUR + random.int(0, 3599) * 1000;
      else
        delay = random.weighted([
          [random.int(1, 30) * 1000, 60],
          [random.int(30, 600) * 1000, 25],
          [random.int(10, 60) * MINUTE, 12],
          [random.int(60, 360) * MINUTE, 3],
        ] as const);
      const send = Math.max(placed.at + delay, sendAt[position - 1] ?? 0);
      sendAt.push(send);
      const reported = !(random.chance(0.02) && !(last && meta.irregularity === 'DATA_REPORTED_LATE'));
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

/** Placeholder for a receipt number that repeats an earlier payment's. */
const REUSE_RECEIPT = '(reuse)';

const TIER_ORDER: readonly Tier[] = ['exempt', 'mitigated', 'lighter', 'ordinary', 'heavier'];

/** A fine in a range, in whole hundreds of yuan when the range allows (that is how fines are set). */
function fineIn(random: Random, [min, max]: readonly [number, number]): number {
  const unit = 10_000;
  const low = Math.ceil(min / unit);
  const high = Math.floor(max / unit);
  return low <= high ? random.int(low, high) * unit : random.int(min, max);
}

type FineVariant = (random: Random) => [Tier, number];

/** Ways to set a fine outside the legal range with a tier the benchmark defines. */
function outOfRangeVariants(benchmark: PenaltyBenchmark): FineVariant[] {
  const { legalMin, legalMax, tiers } = benchmark;
  const variants: FineVariant[] = [];
  const upper = (['heavier', 'ordinary', 'lighter'] as const).find((tier) => tiers[tier]);
  if (upper)
    variants.push((random) => [
      upper,
      legalMax + Math.max(10_000, Math.round((legalMax * random.int(10, 50)) / 100 / 10_000) * 10_000),
    ]);
  const lower = (['lighter', 'ordinary'] as const).find((tier) => tiers[tier]);
  if (lower && legalMin > 0)
    variants.push((random) => [lower, Math.floor((legalMin * random.int(30, 90)) / 100)]);
  if (tiers.exempt) variants.push((random) => ['exempt', random.int(1, 50) * 10_000]);
  if (tiers.mitigated && legalMin > 0)
    variants.push((random) => ['mitigated', fineIn(random, [legalMin, legalMax])]);
  return variants;
}

/** (declared tier, range to draw from) pairs: a fine of another tier, still within the legal range. */
function outOfTierChoices(benchmark: PenaltyBenchmark): [Tier, [number, number]][] {
  const choices: [Tier, [number, number]][] = [];
  for (const declared of ['lighter', 'ordinary', 'heavier'] as const) {
    const own = benchmark.tiers[declared];
    if (!own) continue;
    for (const other of ['lighter', 'ordinary', 'heavier'] as const) {
      const range = benchmark.tiers[other];
      if (other === declared || !range) continue;
      const low = Math.max(range[0], benchmark.legalMin);
      const high = Math.min(range[1], benchmark.legalMax);
      // the part of the other tier's range outside the declared one
      const below: [number, number] = [low, Math.min(high, own[0] - 1)];
      const above: [number, number] = [Math.max(low, own[1] + 1), high];
      for (const candidate of [below, above])
        if (
          candidate[0] <= candidate[1] &&
          Math.ceil(candidate[0] / 10_000) <= Math.floor(candidate[1] / 10_000)
        )
          choices.push([declared, candidate]);
    }
  }
  return choices;
}

/** What a penalty case proposes, decides and collects. */
interface PenaltyDecision {
  violationCode: string;
  proposedTier: Tier;
  proposedFine: number;
  decidedTier: Tier;
  decidedFine: number;
  hearingNotice: boolean;
  irregularity?: IrregularityKind;
  paidBeforeDecision: boolean;
  refileAfterDecision: boolean;
}

function aDecision(
  violationCode: string,
  tier: Tier,
  proposedFine: number,
  decidedFine: number,
  hearingNotice: boolean,
): PenaltyDecision {
  return {
    violationCode,
    proposedTier: tier,
    proposedFine,
    decidedTier: tier,
    decidedFine,
    hearingNotice,
    paidBeforeDecision: false,
    refileAfterDecision: false,
  };
}

/** Places planned events one after another in time. */
class CaseBuilder {
  readonly placed: PlacedEvent[] = [];
  private cursor: number;

  constructor(
    private readonly work: WorkTime,
    startMs: number,
  ) {
    this.cursor = startMs;
  }

  /** The local date of the latest event. */
  get day(): DayNumber {
    return this.work.dateOf(this.cursor);
  }

  emitAt<T extends EventType>(type: T, payload: PayloadByType[T], at: number, by: Actor = 'officer'): void {
    // timestamps carry whole seconds: the instant must be exactly what the text says
    this.cursor = Math.ceil(Math.max(this.cursor, at) / 1000) * 1000;
    this.placed.push({ type, payload, at: this.cursor, by });
  }

  emit(entry: Planned, work: WorkTime): void {
    const cursorDay = work.dateOf(this.cursor);
    let day = Math.max(entry.day, cursorDay);
    let at: number;
    if (entry.placement === 'soon')
      at = day === cursorDay ? work.soonAfter(this.cursor, 1, 20) : work.placeOn(day);
    else if (entry.placement === 'online')
      at = work.onlineOn(day, day === cursorDay ? this.cursor : undefined);
    else {
      // an officer does not act at night: after an evening event, the next working day
      if (day === cursorDay && work.minuteOfDay(this.cursor) >= 18 * 60) day += 1;
      day = work.calendar.nextWorkingDayFrom(day);
      at = work.placeOn(day, day === cursorDay ? this.cursor : undefined);
    }
    this.emitAt(entry.type, entry.payload, at, entry.by);
  }
}
