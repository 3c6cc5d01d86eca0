import { aCase, runRules, summarize } from '../testing/factories';
import { DATA_REPORTED_LATE } from './data-reported-late.rule';

describe(DATA_REPORTED_LATE.id, () => {
  it.each([
    ['not reported separately', undefined, []],
    ['reported a minute later', '2026-09-14T09:01', []],
    ['reported exactly 24 h later', '2026-09-15T09:00', []],
    [
      'reported 24 h and 1 ms later',
      '2026-09-15T09:00:00.001',
      ['DATA_REPORTED_LATE[C-1#1]@2026-09-14T09:00'],
    ],
    [
      'reported 24 h later in another offset',
      '2026-09-15T01:00:00.001Z',
      ['DATA_REPORTED_LATE[C-1#1]@2026-09-14T09:00'],
    ],
  ] as const)('an event %s raises %j', (_, reportedAt, expected) => {
    const c = aCase();
    const event = c.event(
      'case.submitted',
      '2026-09-14T09:00',
      {},
      reportedAt === undefined ? {} : { reportedAt },
    );

    expect(summarize(runRules([event]), DATA_REPORTED_LATE.id)).toEqual(expected);
  });

  it('applies to events out of sequence too', () => {
    const c = aCase();
    const event = c.event('case.resumed', '2026-09-14T09:00', {}, { reportedAt: '2026-09-20T09:00' });

    expect(summarize(runRules([event]))).toEqual([
      'DATA_OUT_OF_SEQUENCE[C-1#1]@2026-09-14T09:00',
      'DATA_REPORTED_LATE[C-1#1]@2026-09-14T09:00',
    ]);
  });
});
