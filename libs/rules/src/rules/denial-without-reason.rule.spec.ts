import type { PayloadByType } from '@app/contracts';
import { runRules } from '../testing/factories';
import { acceptedAt, raisedBy, signalOf } from '../testing/rule-cases';
import { DENIAL_WITHOUT_REASON } from './denial-without-reason.rule';

describe(DENIAL_WITHOUT_REASON.id, () => {
  const raised = raisedBy(DENIAL_WITHOUT_REASON.id);
  /** Accepted Monday 2026-09-21 08:00, completed the next day at 10:00 (event C-1#2). */
  const completedWith = (payload: Partial<PayloadByType['case.completed']>) =>
    acceptedAt('2026-09-21T08:00', ['case.completed', '2026-09-22T10:00', payload]);

  it.each([
    ['denied', { reason: '不符合法定条件', legalBasis: undefined }, false],
    ['denied', { reason: undefined, legalBasis: '《食品经营许可管理办法》' }, false],
    ['denied', { reason: undefined, legalBasis: undefined }, true],
    ['denied', { reason: '', legalBasis: '\t' }, true],
    ['approved', { reason: undefined, legalBasis: undefined }, false],
    ['withdrawn', { reason: undefined, legalBasis: undefined }, false],
  ] as const)('a %s completion with %j fires: %s', (result, texts, fires) => {
    expect(raised(completedWith({ result, ...texts }))).toEqual(
      fires ? ['DENIAL_WITHOUT_REASON[C-1#2]@2026-09-22T10:00'] : [],
    );
  });

  it('is an after-stage yellow card', () => {
    const events = completedWith({ result: 'denied', reason: undefined, legalBasis: undefined });

    expect(signalOf(runRules(events), DENIAL_WITHOUT_REASON.id)).toMatchObject({
      stage: 'after',
      level: 'yellow',
    });
  });
});
