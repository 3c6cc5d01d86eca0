import { caseOutcome } from './case-outcome';
import { evaluateCase } from './evaluate-case';
import { createRuleContext } from './rule-context';
import { aCase, aCatalog, local, ms } from './testing/factories';
import { caseOf, type Step } from './testing/rule-cases';

/** The worked-example item (promised 5, legal 10 working days); the 2026 official calendar. */
function outcomeOf(steps: readonly Step[], itemCode = 'XK-001') {
  const catalog = aCatalog();
  const { state } = evaluateCase(
    caseOf(aCase('C-1', itemCode), ...steps),
    ms('2027-01-01T00:00'),
    createRuleContext(catalog),
  );
  const outcome = caseOutcome(state, catalog.calendar);
  return outcome && { ...outcome, clockStoppedAt: local(outcome.clockStoppedAtMs) };
}

describe(caseOutcome.name, () => {
  it.each<{ name: string; steps: Step[]; used: number; onTime: boolean }>([
    {
      name: 'completed on the day of acceptance uses 0 days (即办)',
      steps: [
        ['case.accepted', '2026-09-18T09:00'],
        ['case.completed', '2026-09-18T16:00'],
      ],
      used: 0,
      onTime: true,
    },
    {
      // (Fri 09-18, Tue 09-22]: Sun 09-20 (make-up working day), Mon 21, Tue 22
      name: 'counts working days after the acceptance day, make-up days included',
      steps: [
        ['case.accepted', '2026-09-18T14:00'],
        ['case.completed', '2026-09-22T10:00'],
      ],
      used: 3,
      onTime: true,
    },
    {
      // (09-18, 10-09] holds 10 working days (20, 21, 22, 23, 24, 28, 29, 30, Oct 8, 9); k = 4
      // suspended; P moved to 10-09T00:00, so a completion on Oct 9 is late
      name: 'leaves out the units suspended, and is late at or after the moved promised deadline',
      steps: [
        ['case.accepted', '2026-09-18T14:00'],
        ['case.suspended', '2026-09-22T10:00'],
        ['case.resumed', '2026-09-29T16:00'],
        ['case.completed', '2026-10-09T09:00'],
      ],
      used: 6,
      onTime: false,
    },
    {
      // the completion resumes the case first: k = 2 (Sep 23, 24); (09-18, 09-24] holds 5
      name: 'resumes a case completed while suspended before counting',
      steps: [
        ['case.accepted', '2026-09-18T14:00'],
        ['case.suspended', '2026-09-22T10:00'],
        ['case.completed', '2026-09-24T10:00', { result: 'denied', reason: '不符合条件' }],
      ],
      used: 3,
      onTime: true,
    },
    {
      // an extension moves P by 5 working days: p = 09-24 → 10-09, so 10-08 is on time;
      // (09-18, 10-08]: 20, 21, 22, 23, 24, 28, 29, 30, Oct 8
      name: 'is on time within a promised deadline moved by an extension',
      steps: [
        ['case.accepted', '2026-09-18T14:00'],
        ['case.extended', '2026-09-21T10:00', { days: 5 }],
        ['case.completed', '2026-10-08T10:00'],
      ],
      used: 9,
      onTime: true,
    },
  ])('$name', ({ steps, used, onTime }) => {
    const sut = outcomeOf(steps);

    expect(sut).toMatchObject({
      kind: 'licensing',
      timeUsedDays: used,
      onTime,
      promisedDays: 5,
      legalDays: 10,
    });
  });

  it('counts calendar days for a penalty decided under a calendar-day item', () => {
    const sut = outcomeOf(
      [
        ['penalty.filed', '2026-03-02T09:00'],
        ['penalty.decided', '2026-03-20T10:00', { fine: 300_000, tier: 'ordinary' }],
      ],
      'CF-001',
    );

    expect(sut).toMatchObject({
      kind: 'penalty',
      result: 'decided',
      timeUsedDays: 18,
      promisedDays: 60,
      legalDays: 90,
      onTime: true,
      clockStoppedAt: '2026-03-20T10:00',
    });
  });

  it.each<{ name: string; steps: Step[] }>([
    { name: 'a case still running', steps: [['case.accepted', '2026-09-18T14:00']] },
    {
      name: 'a refused case (its clock never started)',
      steps: [
        ['case.submitted', '2026-09-18T14:00'],
        ['case.refused', '2026-09-21T14:00'],
      ],
    },
    {
      name: 'a completion out of sequence (never accepted)',
      steps: [
        ['case.submitted', '2026-09-18T14:00'],
        ['case.completed', '2026-09-21T14:00'],
      ],
    },
  ])('has no outcome for $name', ({ steps }) => {
    expect(outcomeOf(steps)).toBeUndefined();
  });

  it('has no outcome for an item not in the catalogue', () => {
    const sut = outcomeOf(
      [
        ['case.accepted', '2026-09-18T14:00'],
        ['case.completed', '2026-09-21T10:00'],
      ],
      'UNKNOWN-ITEM',
    );

    expect(sut).toBeUndefined();
  });
});
