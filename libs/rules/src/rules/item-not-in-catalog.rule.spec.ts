import { aCase, runRules, summarize } from '../testing/factories';
import { ITEM_NOT_IN_CATALOG } from './item-not-in-catalog.rule';

describe(ITEM_NOT_IN_CATALOG.id, () => {
  it.each([
    ['a catalogued item', 'XK-001', []],
    ['an unknown item', 'NO-SUCH-ITEM', ['ITEM_NOT_IN_CATALOG[]@2026-09-14T09:00']],
  ] as const)('for %s raises %j once, at the first event', (_, itemCode, expected) => {
    const c = aCase('C-1', itemCode);
    const events = [
      c.event('case.submitted', '2026-09-14T09:00'),
      c.event('case.accepted', '2026-09-15T09:00'),
      c.event('case.completed', '2026-09-16T09:00'),
    ];

    expect(summarize(runRules(events), ITEM_NOT_IN_CATALOG.id)).toEqual(expected);
  });

  it('runs no time rule for the case, however late it is', () => {
    const c = aCase('C-1', 'NO-SUCH-ITEM');
    const events = [
      c.event('case.submitted', '2026-09-14T09:00'),
      c.event('case.accepted', '2026-09-30T09:00'),
      c.event('step.started', '2026-09-30T10:00'),
      c.event('case.suspended', '2026-10-08T10:00', { procedure: 'other' }),
      c.event('case.resumed', '2026-12-30T10:00'),
      c.event('case.completed', '2027-03-01T10:00'),
    ];

    expect(summarize(runRules(events, { until: '2027-12-31T00:00' }))).toEqual([
      'ITEM_NOT_IN_CATALOG[]@2026-09-14T09:00',
    ]);
  });

  it('applies to a first event that is out of sequence', () => {
    const c = aCase('C-1', 'NO-SUCH-ITEM');

    expect(summarize(runRules([c.event('case.completed', '2026-09-14T09:00')]))).toEqual([
      'DATA_OUT_OF_SEQUENCE[C-1#1]@2026-09-14T09:00',
      'ITEM_NOT_IN_CATALOG[]@2026-09-14T09:00',
    ]);
  });

  it('takes the case’s item from its first event', () => {
    const c = aCase('C-1', 'XK-001');
    const events = [
      c.event('case.submitted', '2026-09-14T09:00'),
      c.event('case.accepted', '2026-09-15T09:00', {}, { itemCode: 'NO-SUCH-ITEM' }),
    ];

    expect(summarize(runRules(events), ITEM_NOT_IN_CATALOG.id)).toEqual([]);
  });
});
