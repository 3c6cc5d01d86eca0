import { DayNumber, parseLocalDate, WorkingCalendar } from '@app/calendar';
import { Random } from './random';
import { TrafficMessage, TrafficSource, TrafficSourceOptions } from './traffic-source';
import { WORK_MINUTES_PER_DAY, WorkTime } from './work-time';

/** Relative volume of new cases on a day off (online applications only) against a working day. */
const DAY_OFF_WEIGHT = 0.06;
/** Share of cases started online outside office hours on a working day. */
const OFF_HOURS_SHARE = 0.15;

/**
 * When cases start over a period: mostly in office hours on working days, some online in the
 * evening and at weekends. Sorted ascending; seeded.
 */
export function caseStartTimes(
  calendar: WorkingCalendar,
  random: Random,
  fromDay: DayNumber,
  toDay: DayNumber,
  count: number,
): number[] {
  const work = new WorkTime(calendar, random);
  const days: DayNumber[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (let day = fromDay; day <= toDay; day += 1) {
    total += calendar.isWorkingDay(day) ? 1 : DAY_OFF_WEIGHT;
    days.push(day);
    cumulative.push(total);
  }
  const starts: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const point = random.next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] as number) > point) high = middle;
      else low = middle + 1;
    }
    const day = days[low] as DayNumber;
    const office = calendar.isWorkingDay(day) && !random.chance(OFF_HOURS_SHARE);
    starts.push(
      office ? work.at(day, random.int(0, WORK_MINUTES_PER_DAY - 1), random.int(0, 59)) : work.onlineOn(day),
    );
  }
  return starts.sort((a, b) => a - b);
}

export interface BackfillOptions extends TrafficSourceOptions {
  /** First day (YYYY-MM-DD, local). */
  from: string;
  /** Last day (YYYY-MM-DD, local), inclusive: messages sent after it ends are not produced. */
  to: string;
  /** Number of cases started in the period. */
  cases: number;
}

/**
 * A past period's traffic, as fast as it can be generated: cases start at `caseStartTimes`,
 * messages come out in send order, and a case still open when the period ends stays open.
 */
export class Backfill {
  readonly source: TrafficSource;
  readonly starts: readonly number[];
  /** The end of the `to` day: nothing sent later is produced. */
  readonly horizonMs: number;
  private started = 0;

  constructor(options: BackfillOptions) {
    this.source = new TrafficSource(options);
    const calendar = this.source.generator.index.calendar;
    const fromDay = parseLocalDate(options.from);
    const toDay = parseLocalDate(options.to);
    if (toDay < fromDay) throw new Error(`--to ${options.to} is before --from ${options.from}`);
    this.starts = caseStartTimes(
      calendar,
      new Random(options.seed).fork('arrivals'),
      fromDay,
      toDay,
      options.cases,
    );
    this.horizonMs = calendar.endOf(toDay);
  }

  get casesStarted(): number {
    return this.started;
  }

  /** The period's messages in send order. */
  *messages(): Generator<TrafficMessage, void, undefined> {
    for (const start of this.starts) {
      // everything sent before this case starts can go out now: later cases only send later
      yield* this.source.takeDue(start - 1);
      this.source.startCase(start);
      this.started += 1;
    }
    yield* this.source.takeDue(this.horizonMs - 1);
  }
}
