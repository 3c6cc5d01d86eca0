import { buildCatalogIndex, parseCatalog } from '@app/catalog';
import { ApprovalEvent, parseEvent } from '@app/contracts';
import { CaseGenerator, CaseGeneratorOptions, GeneratedCase } from './case-generator';
import { CheckContext, IRREGULARITY_KINDS, IrregularityKind, irregularityOf } from './irregularities';
import { demoCatalog } from './testing/demo-catalog';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** `count` cases starting every few minutes from `start`. */
function aSample(
  count: number,
  options: Partial<CaseGeneratorOptions> = {},
  start = '2026-03-02T09:00:00+08:00',
) {
  const sut = new CaseGenerator({ catalog: demoCatalog(), seed: 7, ...options });
  const cases: GeneratedCase[] = [];
  let instant = Date.parse(start);
  for (let index = 0; index < count; index += 1) {
    instant += (7 + (index % 13) * 9) * MINUTE;
    cases.push(sut.next(instant));
  }
  return cases;
}

function checkContext(cases: readonly GeneratedCase[]): CheckContext {
  const payments = new Map<string, number[]>();
  for (const event of cases.flatMap((generated) => generated.events))
    if (event.type === 'fee.paid' || event.type === 'penalty.paid')
      payments.set(event.payload.receiptNo, [
        ...(payments.get(event.payload.receiptNo) ?? []),
        Date.parse(event.occurredAt),
      ]);
  return { index: demoCatalog(), payments };
}

function moneyOf(event: ApprovalEvent): number[] {
  const payload = event.payload as { amount?: number; fine?: number };
  return [payload.amount, payload.fine].filter((value): value is number => value !== undefined);
}

describe(CaseGenerator.name, () => {
  const sample = aSample(1000, { irregularShare: 0.3, penaltyShare: 0.3 });
  const events = sample.flatMap((generated) => generated.events);

  it('produces only events that pass the event contract', () => {
    const rejected = events
      .map((event) => ({ event, validation: parseEvent(JSON.stringify(event)) }))
      .filter(({ validation }) => !validation.ok);

    expect(rejected).toEqual([]);
    expect(events.length).toBeGreaterThan(sample.length * 8);
  });

  it('stamps every instant in RFC 3339 with the +08:00 offset and every amount in whole fen', () => {
    const offsetInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;
    for (const event of events) {
      expect(event.occurredAt).toMatch(offsetInstant);
      if (event.reportedAt !== undefined) expect(event.reportedAt).toMatch(offsetInstant);
      for (const money of moneyOf(event)) expect(Number.isSafeInteger(money) && money >= 0).toBe(true);
    }
  });

  it('gives every event a unique id and keeps each case in occurredAt order', () => {
    expect(new Set(events.map((event) => event.eventId)).size).toBe(events.length);
    for (const generated of sample) {
      const instants = generated.events.map((event) => Date.parse(event.occurredAt));
      expect(instants).toEqual([...instants].sort((a, b) => a - b));
      expect(generated.events.every((event) => event.caseId === generated.caseId)).toBe(true);
    }
  });

  it('reports regular events seconds to hours after they occur, in the order they occurred', () => {
    for (const generated of sample.filter((entry) => entry.irregularity !== 'DATA_REPORTED_LATE')) {
      generated.events.forEach((event, position) => {
        const delay = (generated.sendAt[position] as number) - Date.parse(event.occurredAt);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(24 * HOUR);
        if (event.reportedAt !== undefined)
          expect(Date.parse(event.reportedAt)).toBe(generated.sendAt[position]);
      });
      expect(generated.sendAt).toEqual([...generated.sendAt].sort((a, b) => a - b));
    }
  });

  it('has officers act on working days, in office hours or a little after', () => {
    const { calendar } = demoCatalog();
    const officerEvents = events.filter(
      (event) =>
        event.actor !== undefined &&
        demoCatalog().items.has(event.itemCode) &&
        event.type !== 'penalty.filed',
    );
    for (const event of officerEvents) {
      const instant = Date.parse(event.occurredAt);
      const minute = (instant - calendar.startOf(calendar.dateOf(instant))) / MINUTE;
      expect(calendar.isWorkingDay(calendar.dateOf(instant))).toBe(true);
      expect(minute).toBeGreaterThanOrEqual(9 * 60);
      expect(minute).toBeLessThan(19 * 60);
    }
  });

  it('gives the same traffic for the same seed and other traffic for another seed', () => {
    const again = aSample(200, { irregularShare: 0.3, penaltyShare: 0.3 });
    const other = aSample(200, { irregularShare: 0.3, penaltyShare: 0.3, seed: 8 });

    expect(again).toEqual(sample.slice(0, 200));
    expect(other.map((generated) => generated.events.length)).not.toEqual(
      again.map((generated) => generated.events.length),
    );
  });

  it.each([
    [0, 0, 0],
    [0.1, 0.075, 0.125],
    [0.3, 0.26, 0.34],
  ])('makes about %f of the cases irregular', (share, low, high) => {
    const cases = aSample(2000, { irregularShare: share, seed: 11 });
    const irregular = cases.filter((generated) => generated.irregularity !== undefined).length / cases.length;

    expect(irregular).toBeGreaterThanOrEqual(low);
    expect(irregular).toBeLessThanOrEqual(high);
  });

  it('spreads irregular cases over every kind of irregularity', () => {
    const kinds = new Set(
      aSample(2500, { irregularShare: 1, penaltyShare: 0.3, seed: 12 }).map(
        (generated) => generated.irregularity,
      ),
    );

    expect([...IRREGULARITY_KINDS].filter((kind) => !kinds.has(kind))).toEqual([]);
  });

  it.each(IRREGULARITY_KINDS.map((kind) => [kind]))(
    'shows %s in every case that carries it',
    (kind: IrregularityKind) => {
      const sut = new CaseGenerator({ catalog: demoCatalog(), seed: 21, irregularShare: 0 });
      const cases: GeneratedCase[] = [];
      let instant = Date.parse('2025-06-02T10:00:00+08:00');
      for (let round = 0; round < 12; round += 1) {
        instant += 2 * HOUR + round * 37 * MINUTE;
        cases.push(sut.next(instant), sut.next(instant + MINUTE, { irregularity: kind }));
      }
      const context = checkContext(cases);
      const forced = cases.filter((_, position) => position % 2 === 1);

      expect(forced.map((generated) => generated.irregularity)).toEqual(forced.map(() => kind));
      expect(
        forced.filter((generated) => !irregularityOf(kind).shows(generated, context)).map((c) => c.caseId),
      ).toEqual([]);
    },
  );

  it('shows no irregularity at all in regular cases, across holidays and the turn of the year', () => {
    const cases = [
      ...aSample(600, { irregularShare: 0, penaltyShare: 0.3, seed: 31 }, '2025-09-15T09:00:00+08:00'),
      ...aSample(600, { irregularShare: 0, penaltyShare: 0.3, seed: 32 }, '2026-01-20T09:00:00+08:00'),
    ];
    const context = checkContext(cases);
    const found = cases.flatMap((generated) =>
      IRREGULARITY_KINDS.filter((kind) => irregularityOf(kind).shows(generated, context)).map(
        (kind) => `${generated.caseId}: ${kind}`,
      ),
    );

    expect(found).toEqual([]);
  });

  it('puts the run tag into case ids, which stay unique within a run', () => {
    const cases = aSample(300, { runTag: 'T3ST' });

    expect(cases.every((generated) => /^(SP|CF)-\d{8}-T3ST-\d{6}$/.test(generated.caseId))).toBe(true);
    expect(new Set(cases.map((generated) => generated.caseId)).size).toBe(cases.length);
  });

  it('falls back to licensing cases for a catalogue without penalty items', () => {
    const catalog = parseCatalog({
      'departments.json': [{ id: 'scjgj', name: '市市场监督管理局' }],
      'items.json': [
        { code: 'XK-001', name: '食品经营许可', departmentId: 'scjgj', legalDays: 20, promisedDays: 10 },
      ],
      'fees.json': [],
      'discretion.json': [],
      'calendar.json': { timeZone: 'Asia/Shanghai', holidays: [], workdays: [] },
    });
    const sut = new CaseGenerator({ catalog: buildCatalogIndex(catalog), seed: 1, penaltyShare: 1 });

    const generated = sut.next(Date.parse('2026-03-02T10:00:00+08:00'), { irregularity: null });

    expect(generated.kind).toBe('licensing');
    expect(generated.events[0]?.type).toBe('case.submitted');
    expect(
      generated.events.some((event) => event.type === 'case.accepted' || event.type === 'case.refused'),
    ).toBe(true);
  });
});
