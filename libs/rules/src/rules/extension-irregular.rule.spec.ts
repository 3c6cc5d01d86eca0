import { aCase, aCatalog, local, runRules } from '../testing/factories';
import { acceptedAt, raisedBy, signalsOf, submittedAt, type Step } from '../testing/rule-cases';
import { ReplayEngine } from '../replay-engine';
import { EXTENSION_IRREGULAR } from './extension-irregular.rule';

describe(EXTENSION_IRREGULAR.id, () => {
  it.each([
    ['10 days with a reason', [{ days: 10, reason: '需现场核查' }], []],
    ['11 days', [{ days: 11, reason: '需现场核查' }], [['too long']]],
    ['no reason', [{ days: 5, reason: undefined }], [['no reason']]],
    ['a blank reason', [{ days: 5, reason: ' ' }], [['no reason']]],
    [
      'three extensions',
      [
        { days: 5, reason: '一' },
        { days: 5, reason: '二' },
        { days: 12, reason: '' },
      ],
      [['repeated'], ['repeated', 'too long', 'no reason']],
    ],
  ] as const)('%s → problems %j', (_, extensions, expected) => {
    // accepted Monday 2026-09-14 09:00, extended on the 15th, 16th, …
    const events = acceptedAt(
      '2026-09-14T09:00',
      ...extensions.map((payload, index): Step => ['case.extended', `2026-09-1${5 + index}T09:00`, payload]),
    );

    const found = signalsOf(runRules(events), EXTENSION_IRREGULAR.id);

    expect(found.map((s) => s.details.problems)).toEqual(expected);
  });

  it('still extends the deadlines of an irregular extension', () => {
    const c = aCase();
    const sut = new ReplayEngine(aCatalog());
    sut.ingest(c.event('case.accepted', '2026-09-18T14:00'));
    sut.ingest(c.event('case.extended', '2026-09-21T09:00', { days: 12, reason: '' }));

    // p = Sep 24 + 12 working days (Sep 28 … Oct 19, with make-up Saturday Oct 10) = Oct 19
    expect(local(sut.caseState('C-1')?.clock?.promisedDeadlineMs ?? 0)).toBe('2026-10-20T00:00');
  });

  it('is judged only while the clock runs', () => {
    const events = submittedAt('2026-09-14T09:00', ['case.extended', '2026-09-15T09:00', { days: 30 }]);

    expect(raisedBy(EXTENSION_IRREGULAR.id, 'DATA_OUT_OF_SEQUENCE')(events)).toEqual([
      'DATA_OUT_OF_SEQUENCE[C-1#2]@2026-09-15T09:00',
    ]);
  });
});
