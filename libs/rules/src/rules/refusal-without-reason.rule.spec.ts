import { acceptedAt, raisedBy, submittedAt } from '../testing/rule-cases';
import { REFUSAL_WITHOUT_REASON } from './refusal-without-reason.rule';

describe(REFUSAL_WITHOUT_REASON.id, () => {
  const raised = raisedBy(REFUSAL_WITHOUT_REASON.id);

  it.each([
    ['a reason and a legal basis', { reason: '不属于本机关职权', legalBasis: '行政许可法第三十二条' }, false],
    ['a reason only', { reason: '不属于本机关职权', legalBasis: undefined }, false],
    ['a legal basis only', { reason: undefined, legalBasis: '行政许可法第三十二条' }, false],
    ['both missing', { reason: undefined, legalBasis: undefined }, true],
    ['both blank', { reason: '  ', legalBasis: '' }, true],
  ] as const)('with %s fires: %s', (_, payload, fires) => {
    const events = submittedAt('2026-09-14T09:00', ['case.refused', '2026-09-15T09:00', payload]);

    expect(raised(events)).toEqual(fires ? ['REFUSAL_WITHOUT_REASON[C-1#2]@2026-09-15T09:00'] : []);
  });

  it('does not judge a refusal that is out of sequence', () => {
    const events = acceptedAt('2026-09-14T09:00', [
      'case.refused',
      '2026-09-15T09:00',
      { reason: undefined, legalBasis: undefined },
    ]);

    expect(raisedBy(REFUSAL_WITHOUT_REASON.id, 'DATA_OUT_OF_SEQUENCE')(events)).toEqual([
      'DATA_OUT_OF_SEQUENCE[C-1#2]@2026-09-15T09:00',
    ]);
  });
});
