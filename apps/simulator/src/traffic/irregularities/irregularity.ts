import type { DayNumber, WorkingCalendar } from '@app/calendar';
import type { CatalogIndex } from '@app/catalog';
import type {
  ApprovalEvent,
  Fee,
  Item,
  PartyKind,
  Payee,
  PayloadByType,
  PenaltyBenchmark,
  Settings,
  Tier,
} from '@app/contracts';
import type { RuleId } from '@app/rules';
import type { CaseBuilder, CatalogLookups, ClockDays, Placement, Planned } from '../lifecycle';
import type { PenaltyDecision } from '../penalty-decision';
import type { Random } from '../random';
import type { WorkTime } from '../work-time';

export type CaseKind = 'licensing' | 'penalty';

/**
 * An irregularity the simulator injects into a case, named after the rule of `docs/rules.md` that
 * must fire for it (one file each, like `libs/rules/src/rules/`). `CaseGenerator` plays the regular
 * lifecycle and, at each point where an irregular case differs, calls the irregularity's hook there
 * instead of its regular choice; a hook left out keeps the regular choice. Hooks draw from
 * `random` and must draw in the same order every time: the output is seeded.
 */
export interface Irregularity<K extends RuleId = RuleId> {
  readonly kind: K;
  /** The cases it is shown on. */
  readonly caseKinds: readonly CaseKind[];
  /**
   * Whether its rule judges an event by itself, so that it still fires when a case's life is
   * compressed into minutes (`TimeCompression`); not when days must pass against the calendar.
   */
  readonly compressible: boolean;
  /** Whether it can be shown on a case of this item (of one of `caseKinds`) starting on this day. */
  readonly fits?: (item: Item, startDay: DayNumber, catalog: CatalogLookups) => boolean;

  // ------------------------------------------------ licensing, before acceptance (受理前)
  /** How many of the required materials the application lacks. */
  readonly missingMaterials?: (c: CaseContext) => number;
  /** Refuses the application (不予受理) with this payload, a few days after submission. */
  readonly refusal?: (c: CaseContext) => PayloadByType['case.refused'];
  /** Asks for and receives the missing materials (补正) its own way, instead of in one round. */
  readonly supplements?: (c: CaseContext, request: SupplementRequest) => void;
  /** Working days after submission the supplement request comes. */
  readonly supplementOffset?: (c: CaseContext) => number;
  /** Working days after submission a complete application is accepted. */
  readonly acceptanceOffset?: (c: CaseContext) => number;

  // ------------------------------------------------ the clock (both kinds)
  /** The day the case completes (licensing) or is decided (penalty), instead of one on time. */
  readonly completionDay?: (c: CaseContext, clock: ClockDays, startDay: DayNumber) => DayNumber;
  /** The position of the step that overruns its limit. */
  readonly overdueStep?: (c: CaseContext) => number | undefined;

  // ------------------------------------------------ licensing, completion and after
  /** The completion's result (a case with `money` is approved without this hook). */
  readonly result?: (c: CaseContext) => PayloadByType['case.completed'];
  /** About money: fees and fines, and their payment (see `MoneyHooks`). */
  readonly money?: MoneyHooks;
  /** Edits the planned events from the clock's start to completion or decision (both kinds). */
  readonly amendPlan?: (plan: PlanContext) => void;
  /** Working days after an approval it is delivered (送达). */
  readonly deliveryOffset?: (c: CaseContext) => number;
  /** The score of the party's evaluation (评价), which then always comes. */
  readonly evaluationScore?: (c: CaseContext) => number;

  // ------------------------------------------------ penalty
  /** The kind of party, given the one drawn. */
  readonly partyKind?: (c: CaseContext, drawn: PartyKind) => PartyKind;
  /** What is proposed and decided. */
  readonly decide?: (d: DecisionContext) => PenaltyDecision;

  // ------------------------------------------------ the envelope
  /** Milliseconds after it occurs the case's last event is sent (it then always has `reportedAt`). */
  readonly lastReportDelay?: (c: CaseContext) => number;
  /** The item code the events carry, instead of the item's. */
  readonly itemCode?: (c: CaseContext) => string;

  // ------------------------------------------------ the independent check
  /**
   * Whether a generated case's events show this irregularity, in the words of `docs/rules.md`
   * (simplified where the simulator never combines things, e.g. a late case is never suspended):
   * a second opinion, not the rule engine. The generator's tests use it to prove that a case
   * carrying the irregularity shows it and a regular case shows none.
   */
  readonly shows: (generated: ShownCase, context: CheckContext) => boolean;
}

/** A generated case as `Irregularity.shows` judges it. */
export interface ShownCase {
  /** The item code the events carry. */
  readonly itemCode: string;
  /** Its events, in `occurredAt` order. */
  readonly events: readonly ApprovalEvent[];
}

/** What `Irregularity.shows` judges a case against. */
export interface CheckContext {
  readonly index: CatalogIndex;
  /** Every payment of the sample: receipt number → instants, to judge duplicates across cases. */
  readonly payments: ReadonlyMap<string, readonly number[]>;
}

/**
 * Present for the irregularities about money. Then a licensing case is approved, charges a fee
 * (where a regular one might not) and the party pays it; a penalty case decides a fine above 100
 * yuan and it is paid.
 */
export interface MoneyHooks {
  /** The fee charged, instead of the item's fee in force. */
  readonly fee?: (c: CaseContext, startDay: DayNumber) => Fee | undefined;
  /** The fee code, quantity and standard amount charged, given the regular ones. */
  readonly charge?: (c: CaseContext, regular: FeeLine) => FeeLine;
  /** The amount assessed, given the standard amount. */
  readonly amount?: (c: CaseContext, standard: number) => number;
  /** The amount paid, given the amount assessed. */
  readonly paidAmount?: (c: CaseContext, assessed: number) => number;
  /** The fee is paid without being assessed. */
  readonly unassessed?: boolean;
  /** Every payment goes to this payee. */
  readonly payee?: Payee;
  /** One payment, in full, under the receipt number of an earlier payment. */
  readonly reuseReceipt?: boolean;
  /** The payments of a decided fine; `pay` makes one (with a new receipt number by default). */
  readonly finePayments?: (
    c: CaseContext,
    fine: number,
    pay: (amount: number, receiptNo?: string) => PayloadByType['penalty.paid'],
  ) => PayloadByType['penalty.paid'][];
}

export interface FeeLine {
  feeCode: string;
  quantity: number;
  /** The standard amount: the unit amount times the quantity. */
  standard: number;
}

/** What every hook of a case sees. */
export interface CaseContext {
  /** The generator's seeded random numbers. */
  readonly random: Random;
  readonly work: WorkTime;
  readonly calendar: WorkingCalendar;
  readonly settings: Settings;
  readonly catalog: CatalogLookups;
  /** The case's item. */
  readonly item: Item;
}

export interface SupplementRequest {
  /** The materials the application lacks. */
  readonly missing: readonly string[];
  readonly submittedDay: DayNumber;
  /** Where the party hands in materials (the window, or online). */
  readonly partyPlacement: Placement;
  /** Places the requests and supplements after the application. */
  readonly builder: CaseBuilder;
}

export interface PlanContext extends CaseContext {
  /** The planned events, in order, from the clock's start to completion or decision; edit in place. */
  readonly entries: Planned[];
  readonly clock: ClockDays;
  /** The day the clock starts (acceptance or filing). */
  readonly startDay: DayNumber;
  /** The day the case completes or is decided. */
  readonly endDay: DayNumber;
  /** Inserts extensions (延长) where a regular case asks for one: after the second step starts. */
  readonly extend: (extensions: PayloadByType['case.extended'][]) => void;
  /** Inserts a suspension (特别程序) as a regular case has one, moving later events by its days. */
  readonly suspend: (choice?: SuspensionChoice) => void;
  /** Repeats the event that opens the case (acceptance, filing) after its last event. */
  readonly reopenAfterEnd: () => void;
}

export interface SuspensionChoice {
  /** Under a procedure the item does not list (with the default longest suspension). */
  readonly unlisted?: boolean;
  /** The day it resumes, instead of one within its longest suspension. */
  readonly resumedDay?: (suspendedDay: DayNumber, maxDays: number) => DayNumber;
}

export interface DecisionContext extends CaseContext {
  /** The benchmarks (裁量基准) of the item's violations; never empty here. */
  readonly benchmarks: readonly PenaltyBenchmark[];
  readonly partyKind: PartyKind;
  /** The fine from which the party must be told of its right to a hearing. */
  readonly threshold: (benchmark: PenaltyBenchmark) => number;
  /** A tier the benchmark defines, drawn with the regular weights, and its range. */
  readonly regularTier: (benchmark: PenaltyBenchmark) => [Tier, [number, number]];
  /** A regular case's decision. */
  readonly regular: () => PenaltyDecision;
}

/**
 * Declares an irregularity, one file each in this folder: the file `x-y.ts` exports `X_Y`, declared
 * with this function and `kind: 'X_Y'` first. Adding the file registers it:
 * `scripts/generate-registries.cjs` lists the folder's declarations and `../irregularities.ts`
 * orders them; nothing else to edit.
 */
export function defineIrregularity<K extends RuleId>(irregularity: Irregularity<K>): Irregularity<K> {
  return irregularity;
}
