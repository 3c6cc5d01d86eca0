import { DayNumber, parseLocalDate } from '@app/calendar';
import type { CatalogIndex } from '@app/catalog';
import type { EventType, Fee, Item, PayloadByType, PenaltyBenchmark } from '@app/contracts';
import type { WorkTime } from './work-time';

/**
 * What a case's lifecycle is planned with, shared by `CaseGenerator` (the regular lifecycle) and
 * the irregularities (`./irregularities`): planned events, the builder that places them in office
 * hours, the days of the case's clock and the catalogue lookups.
 */

/** Where in a day an event goes: in office hours, soon after the previous one, or online at any hour. */
export type Placement = 'office' | 'soon' | 'online';
/** Who acts: an officer (the event names one) or the party. */
export type Actor = 'officer' | 'party';

type PlannedOf<T extends EventType> = {
  type: T;
  payload: PayloadByType[T];
  day: DayNumber;
  placement: Placement;
  by: Actor;
};
/** An event planned on a day, placed at an instant once the events before it are. */
export type Planned = { [T in EventType]: PlannedOf<T> }[EventType];

export function plan<T extends EventType>(
  type: T,
  payload: PayloadByType[T],
  day: DayNumber,
  placement: Placement,
  by: Actor = 'officer',
): Planned {
  return { type, payload, day, placement, by } as Planned;
}

export interface PlacedEvent {
  type: EventType;
  payload: object;
  at: number;
  by: Actor;
}

/** The days of a case's clock, from acceptance (licensing) or filing (penalty). */
export interface ClockDays {
  /** Promised last day, legal last day, the day the warning would come, red day. */
  promised: DayNumber;
  legal: DayNumber;
  warning: DayNumber;
  red: DayNumber;
  /** The latest completion day that raises no time signal. */
  onTimeLast: DayNumber;
}

/** Placeholder for a receipt number that repeats an earlier payment's (resolved by `CaseGenerator`). */
export const REUSE_RECEIPT = '(reuse)';

/** A fee must be (in)effective over this many days after a case starts to be used for it. */
const FEE_WINDOW_DAYS = 150;

export interface FeeDays {
  fee: Fee;
  from: DayNumber;
  to: DayNumber;
}

/** The catalogue with what the simulator looks up in it: fees in force, penalty benchmarks. */
export class CatalogLookups {
  private readonly feeDays = new Map<string, FeeDays>();

  constructor(readonly index: CatalogIndex) {
    for (const fee of index.data.fees)
      this.feeDays.set(fee.code, {
        fee,
        from: parseLocalDate(fee.effectiveFrom),
        to: fee.effectiveTo === null ? Number.POSITIVE_INFINITY : parseLocalDate(fee.effectiveTo),
      });
  }

  /** A fee of the item in force from `day` on for a while, with a non-zero amount. */
  activeFee(item: Item, day: DayNumber): FeeDays | undefined {
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

  /** A fee of the item abolished before `day` or not in force yet for a while. */
  inactiveFee(item: Item, day: DayNumber): FeeDays | undefined {
    return item.feeCodes
      .map((code) => this.feeDays.get(code))
      .find((entry) => entry !== undefined && (entry.to < day || entry.from > day + FEE_WINDOW_DAYS));
  }

  /** The penalty benchmarks of the item's violations, or every benchmark when it has none of its own. */
  benchmarksOf(item: Item): PenaltyBenchmark[] {
    const own = this.index.data.discretion.filter((benchmark) =>
      benchmark.violationCode.startsWith(`${item.code}-`),
    );
    return own.length > 0 ? own : this.index.data.discretion;
  }
}

/** Places planned events one after another in time. */
export class CaseBuilder {
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

  emit(entry: Planned): void {
    const work = this.work;
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
