import type { ApprovalEvent } from '@app/contracts';
import { aCase, aCatalog, runRules, summarize } from '../testing/factories';
import { EVALUATION_DISSATISFIED } from './evaluation-dissatisfied.rule';

describe(EVALUATION_DISSATISFIED.id, () => {
  it.each([
    [1, true],
    [2, true],
    [3, false],
    [5, false],
  ])('score %i fires: %s (dissatisfiedScore 2)', (score, fires) => {
    const c = aCase();
    const events: ApprovalEvent[] = [
      c.event('case.accepted', '2026-09-14T09:00'),
      c.event('case.completed', '2026-09-14T10:00'),
      c.event('case.evaluated', '2026-09-15T10:00', { score }),
    ];

    expect(summarize(runRules(events), EVALUATION_DISSATISFIED.id)).toEqual(
      fires ? ['EVALUATION_DISSATISFIED[C-1#3]@2026-09-15T10:00'] : [],
    );
  });

  it('reads the threshold from the settings', () => {
    const catalog = aCatalog({ settings: { dissatisfiedScore: 3 } });
    const c = aCase();
    const events: ApprovalEvent[] = [
      c.event('case.submitted', '2026-09-14T09:00'),
      c.event('case.evaluated', '2026-09-15T10:00', { score: 3 }),
    ];

    expect(summarize(runRules(events, { catalog }), EVALUATION_DISSATISFIED.id)).toHaveLength(1);
  });

  it.each([
    ['before acceptance', ['case.submitted'], true],
    ['after a refusal', ['case.submitted', 'case.refused'], true],
    ['while the clock runs (out of sequence)', ['case.accepted'], false],
  ] as const)('judges an evaluation %s: %s', (_, before, judged) => {
    const c = aCase();
    const events: ApprovalEvent[] = before.map((type, index) => c.event(type, `2026-09-14T0${index + 8}:00`));
    events.push(c.event('case.evaluated', '2026-09-15T10:00', { score: 1 }));

    expect(summarize(runRules(events), EVALUATION_DISSATISFIED.id)).toHaveLength(judged ? 1 : 0);
  });
});
