import { Backfill, caseStartTimes } from './backfill';
import { Random } from './random';
import { demoCatalog } from './testing/demo-catalog';

describe(Backfill.name, () => {
  const options = { catalog: demoCatalog(), seed: 4, from: '2026-01-26', to: '2026-03-06', cases: 600 };

  it('produces the period in send order and nothing sent after its last day', () => {
    const sut = new Backfill(options);
    const messages = [...sut.messages()];
    const sendAt = messages.map((message) => message.sendAt);

    expect(sut.casesStarted).toBe(600);
    expect(sendAt).toEqual([...sendAt].sort((a, b) => a - b));
    expect(Math.max(...sendAt)).toBeLessThan(Date.parse('2026-03-07T00:00:00+08:00'));
    expect(Math.min(...sendAt)).toBeGreaterThanOrEqual(Date.parse('2026-01-26T00:00:00+08:00'));
  });

  it('is the same for the same seed', () => {
    const ids = (backfill: Backfill) => [...backfill.messages()].map((message) => message.event?.eventId);

    expect(ids(new Backfill(options))).toEqual(ids(new Backfill(options)));
  });

  it('rejects a period that ends before it starts', () => {
    expect(() => new Backfill({ ...options, from: '2026-03-06', to: '2026-01-26' })).toThrow(/before --from/);
  });
});

describe(caseStartTimes.name, () => {
  const { calendar } = demoCatalog();
  // Spring Festival 2026: Feb 15–23 off, Feb 14 and Feb 28 are make-up working days
  const from = calendar.dateOf(Date.parse('2026-02-02T12:00:00+08:00'));
  const to = calendar.dateOf(Date.parse('2026-03-01T12:00:00+08:00'));
  const starts = caseStartTimes(calendar, new Random(2), from, to, 5000);

  it('starts cases within the period, sorted', () => {
    expect(starts).toHaveLength(5000);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(calendar.dateOf(starts[0] as number)).toBeGreaterThanOrEqual(from);
    expect(calendar.dateOf(starts[starts.length - 1] as number)).toBeLessThanOrEqual(to);
  });

  it('starts most cases on working days and few on days off, like the Spring Festival', () => {
    const dayOff = (start: number) => !calendar.isWorkingDay(calendar.dateOf(start));
    const festival = starts.filter(
      (start) =>
        start >= Date.parse('2026-02-15T00:00:00+08:00') && start < Date.parse('2026-02-24T00:00:00+08:00'),
    ).length;
    const workingDays = Array.from({ length: to - from + 1 }, (_, offset) => from + offset).filter((day) =>
      calendar.isWorkingDay(day),
    ).length;
    const perWorkingDay = starts.filter((start) => !dayOff(start)).length / workingDays;

    expect(starts.filter(dayOff).length / starts.length).toBeLessThan(0.06);
    expect(festival / 9).toBeLessThan(perWorkingDay * 0.1);
    expect(starts.some((start) => calendar.format(calendar.dateOf(start)) === '2026-02-14')).toBe(true);
  });
});
