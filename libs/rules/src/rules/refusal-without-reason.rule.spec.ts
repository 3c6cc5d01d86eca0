import { aCase, runRules, summarize } from '../testing/factories';
import { REFUSAL_WITHOUT_REASON } from './refusal-without-reason.rule';

describe(REFUSAL_WITHOUT_REASON.id, () => {
  it.each([
    ['a reason and a legal basis', { reason: '不属于本机关职权', legalBasis: '行政许可法第三十二条' }, false],
    ['a reason only', { reason: '不属于本机关职权', legalBasis: undefined }, false],
    ['a legal basis only', { reason: undefined, legalBasis: '行政许可法第三十二条' }, false],
    ['both missing', { reason: undefined, legalBasis: undefined }, true],
    ['both blank', { reason: '  ', legalBasis: '' }, true],
  ] as const)('with %s fires: %s', (_, payload, fires) => {
    const c = aCase();
    const events = [
      c.event('case.submitted', '2026-09-14T09:00'),
      c.event('case.refused', '2026-09-15T09:00', payload),
    ];

    expect(summarize(runRules(events), REFUSAL_WITHOUT_REASON.id)).toEqual(
      fires ? ['REFUSAL_WITHOUT_REASON[C-1#2]@2026-09-15T09:00'] : [],
    );
  });

  it('does not judge a refusal that is out of sequence', () => {
    const c = aCase();
    const events = [
      c.event('case.accepted', '2026-09-14T09:00'),
      c.event('case.refused', '2026-09-15T09:00', { reason: undefined, legalBasis: undefined }),
    ];

    expect(summarize(runRules(events), REFUSAL_WITHOUT_REASON.id, 'DATA_OUT_OF_SEQUENCE')).toEqual([
      'DATA_OUT_OF_SEQUENCE[C-1#2]@2026-09-15T09:00',
    ]);
  });
});
