import { aCase, aCatalog, anItem, runRules, summarize } from '../testing/factories';
import { ACCEPTANCE_OVERDUE } from './acceptance-overdue.rule';

// Submitted Monday 2026-09-14; 5 working days: 15, 16, 17, 18, Sunday 20 (make-up day) → due 2026-09-21 00:00.
describe(ACCEPTANCE_OVERDUE.id, () => {
  const story = () => aCase();

  it.each([
    ['accepted 1 ms before the deadline', 'case.accepted', '2026-09-20T23:59:59.999', []],
    [
      'accepted exactly at the deadline',
      'case.accepted',
      '2026-09-21T00:00',
      ['ACCEPTANCE_OVERDUE[]@2026-09-21T00:00'],
    ],
    ['refused 1 ms before the deadline', 'case.refused', '2026-09-20T23:59:59.999', []],
    [
      'refused at the deadline',
      'case.refused',
      '2026-09-21T00:00',
      ['ACCEPTANCE_OVERDUE[]@2026-09-21T00:00'],
    ],
    ['asked for supplements 1 ms before', 'case.supplement_requested', '2026-09-20T23:59:59.999', []],
    [
      'asked for supplements a day late',
      'case.supplement_requested',
      '2026-09-22T09:00',
      ['ACCEPTANCE_OVERDUE[]@2026-09-21T00:00'],
    ],
  ] as const)('%s', (_, type, when, expected) => {
    const c = story();
    const events = [c.event('case.submitted', '2026-09-14T09:00'), c.event(type, when)];

    expect(summarize(runRules(events, { until: '2026-12-31T00:00' }), ACCEPTANCE_OVERDUE.id)).toEqual(
      expected,
    );
  });

  it.each([
    ['the watermark 1 ms before the deadline', '2026-09-20T23:59:59.999', []],
    ['the watermark at the deadline', '2026-09-21T00:00', ['ACCEPTANCE_OVERDUE[]@2026-09-21T00:00']],
  ] as const)('fires on a timer with nothing done, %s', (_, until, expected) => {
    const events = [story().event('case.submitted', '2026-09-14T09:00')];

    expect(summarize(runRules(events, { until }), ACCEPTANCE_OVERDUE.id)).toEqual(expected);
  });

  it('counts working days in the settings, whatever the item’s time unit', () => {
    const catalog = aCatalog({ items: [anItem({ timeUnit: 'calendar' })], settings: { acceptanceDays: 1 } });
    // Friday 2026-09-18 + 1 working day = Sunday 09-20 (make-up day)
    const events = [story().event('case.submitted', '2026-09-18T17:00')];

    expect(
      summarize(runRules(events, { catalog, until: '2026-12-31T00:00' }), ACCEPTANCE_OVERDUE.id),
    ).toEqual(['ACCEPTANCE_OVERDUE[]@2026-09-21T00:00']);
  });

  it('does not run for a case that starts with its acceptance, nor for an item not in the catalogue', () => {
    const accepted = aCase('C-1').event('case.accepted', '2026-09-14T09:00');
    const unknown = aCase('C-2', 'NO-SUCH-ITEM').event('case.submitted', '2026-09-14T09:00');

    expect(
      summarize(runRules([accepted, unknown], { until: '2026-12-31T00:00' }), ACCEPTANCE_OVERDUE.id),
    ).toEqual([]);
  });

  it('says when the case was submitted and until when it had to be accepted', () => {
    const [signal] = runRules([story().event('case.submitted', '2026-09-14T09:00')], {
      until: '2026-09-22T00:00',
    });

    expect(signal).toMatchObject({
      alertKey: 'C-1|ACCEPTANCE_OVERDUE|',
      stage: 'before',
      level: 'yellow',
      triggeredBy: 'timer',
      raisedAt: '2026-09-20T16:00:00.000Z',
      details: {
        submittedAt: '2026-09-14T01:00:00.000Z',
        acceptanceDays: 5,
        deadline: '2026-09-20T16:00:00.000Z',
      },
    });
    expect(signal?.message).toContain('2026-09-20');
  });
});
