import type { ApprovalEvent, EventType } from '@app/contracts';
import { aCase, aCatalog, runRules, summarize } from '../testing/factories';
import { ReplayEngine } from '../replay-engine';
import { DATA_OUT_OF_SEQUENCE } from './data-out-of-sequence.rule';

type Steps = readonly (EventType | readonly [EventType, Record<string, unknown>])[];

/** Events of one case an hour apart from 2026-09-14 08:00; returns the ones out of sequence (1-based). */
function outOfSequence(steps: Steps, itemCode = 'XK-001'): number[] {
  const c = aCase('C-1', itemCode);
  const events: ApprovalEvent[] = steps.map((step, index) => {
    const [type, payload] = typeof step === 'string' ? [step, {}] : step;
    return c.event(type, `2026-09-14T${String(8 + index).padStart(2, '0')}:00`, payload);
  });
  return runRules(events)
    .filter((s) => s.ruleId === DATA_OUT_OF_SEQUENCE.id)
    .map((s) => Number(s.triggeredBy.split('#')[1]));
}

describe(DATA_OUT_OF_SEQUENCE.id, () => {
  it.each<[string, Steps, number[]]>([
    [
      'a normal licensing case',
      [
        'case.submitted',
        'case.accepted',
        'step.started',
        'step.completed',
        'case.completed',
        'case.delivered',
        'case.evaluated',
      ],
      [],
    ],
    ['completed before accepted', ['case.submitted', 'case.completed', 'case.accepted'], [2]],
    ['resumed while not suspended', ['case.accepted', 'case.resumed'], [2]],
    ['suspended twice', ['case.accepted', 'case.suspended', 'case.suspended', 'case.resumed'], [3]],
    ['a step completed that never started', ['case.accepted', 'step.completed'], [2]],
    ['a step started again while running', ['case.accepted', 'step.started', 'step.started'], [3]],
    ['a step after completion', ['case.accepted', 'case.completed', 'step.started', 'case.delivered'], [3]],
    ['accepted after a refusal', ['case.submitted', 'case.refused', 'case.accepted', 'case.evaluated'], [3]],
    ['submitted twice', ['case.submitted', 'case.submitted'], [2]],
    ['an evaluation while the clock runs', ['case.accepted', 'case.evaluated'], [2]],
    ['an event before the case starts', ['case.supplemented', 'case.submitted'], [1]],
    ['payments at any time', ['fee.paid', 'case.submitted', 'case.refused', 'fee.paid', 'penalty.paid'], []],
    ['a penalty act on a licensing case', ['case.accepted', 'penalty.decided'], [2]],
  ])('%s', (_, steps, expected) => {
    expect(outOfSequence(steps)).toEqual(expected);
  });

  it.each<[string, Steps, number[]]>([
    [
      'a normal penalty case',
      [
        'penalty.filed',
        'penalty.proposed',
        'penalty.hearing_notified',
        'penalty.decided',
        'penalty.paid',
        'case.delivered',
      ],
      [],
    ],
    ['a licensing start on a penalty item', ['case.submitted', 'penalty.filed'], [1]],
    ['a completion on a penalty case', ['penalty.filed', 'case.completed'], [2]],
    ['decided twice', ['penalty.filed', 'penalty.decided', 'penalty.decided'], [3]],
    ['a proposal after the decision', ['penalty.filed', 'penalty.decided', 'penalty.proposed'], [3]],
  ])('penalty case: %s', (_, steps, expected) => {
    expect(outOfSequence(steps, 'CF-001')).toEqual(expected);
  });

  it('leaves the state unchanged: the clock starts at the acceptance after an early completion', () => {
    const c = aCase();
    const sut = new ReplayEngine(aCatalog());
    sut.ingest(c.event('case.completed', '2026-09-17T10:00'));
    expect(sut.caseState('C-1')?.phase).toBe('new');
    sut.ingest(c.event('case.accepted', '2026-09-18T14:00'));

    expect(summarize(sut.advanceTo(Date.parse('2026-09-24T16:00:00Z')), 'TIME_OVERDUE')).toEqual([
      'TIME_OVERDUE[]@2026-09-25T00:00',
    ]);
  });

  it('is a data-quality warning', () => {
    const c = aCase();
    expect(runRules([c.event('case.resumed', '2026-09-14T09:00')])[0]).toMatchObject({
      stage: 'data',
      level: 'warning',
    });
  });
});
