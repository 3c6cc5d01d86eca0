import { aCase, runRules, summarize } from '../testing/factories';
import { DENIAL_WITHOUT_REASON } from './denial-without-reason.rule';

describe(DENIAL_WITHOUT_REASON.id, () => {
  it.each([
    ['denied', { reason: '不符合法定条件', legalBasis: undefined }, false],
    ['denied', { reason: undefined, legalBasis: '《食品经营许可管理办法》' }, false],
    ['denied', { reason: undefined, legalBasis: undefined }, true],
    ['denied', { reason: '', legalBasis: '\t' }, true],
    ['approved', { reason: undefined, legalBasis: undefined }, false],
    ['withdrawn', { reason: undefined, legalBasis: undefined }, false],
  ] as const)('a %s completion with %j fires: %s', (result, texts, fires) => {
    const c = aCase();
    const events = [
      c.event('case.accepted', '2026-09-21T08:00'),
      c.event('case.completed', '2026-09-22T10:00', { result, ...texts }),
    ];

    expect(summarize(runRules(events), DENIAL_WITHOUT_REASON.id)).toEqual(
      fires ? ['DENIAL_WITHOUT_REASON[C-1#2]@2026-09-22T10:00'] : [],
    );
  });

  it('is an after-stage yellow card', () => {
    const c = aCase();
    const events = [
      c.event('case.accepted', '2026-09-21T08:00'),
      c.event('case.completed', '2026-09-22T10:00', {
        result: 'denied',
        reason: undefined,
        legalBasis: undefined,
      }),
    ];

    expect(runRules(events).find((s) => s.ruleId === DENIAL_WITHOUT_REASON.id)).toMatchObject({
      stage: 'after',
      level: 'yellow',
    });
  });
});
