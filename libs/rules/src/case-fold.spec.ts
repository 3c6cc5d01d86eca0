import { applyEvent, applyEventAfterTimers, fireDue, fireDueOnCopy, nextDueMs } from './case-fold';
import { createCaseState } from './case-state';
import { createRuleContext } from './rule-context';
import { aCase, aCatalog, ms } from './testing/factories';

const ctx = createRuleContext(aCatalog());

/** A case accepted on Friday 2026-09-18: its warning falls due on 2026-09-23 00:00 local. */
function acceptedCase() {
  const story = aCase();
  const state = createCaseState('C-1');
  applyEvent(state, story.event('case.accepted', '2026-09-18T15:00'), ctx);
  return { story, state, due: nextDueMs(state, ctx) as number };
}

describe('applyEvent and applyEventAfterTimers', () => {
  it('applyEvent fires a timer due at the event before the event itself', () => {
    const { story, state, due } = acceptedCase();

    const step = applyEvent(
      state,
      story.event('case.completed', '2026-09-25T00:00'),
      ctx,
      ms('2026-09-25T00:00'),
    );

    expect(due).toBe(ms('2026-09-23T00:00'));
    expect(step.signals.map((s) => s.ruleId)).toEqual(['TIME_WARNING', 'TIME_OVERDUE']);
  });

  it('applyEventAfterTimers leaves the timers due before the event to the caller', () => {
    const { story, state } = acceptedCase();

    const step = applyEventAfterTimers(
      state,
      story.event('case.completed', '2026-09-25T00:00'),
      ctx,
      ms('2026-09-25T00:00'),
    );

    // the completion's own signal only (its clock stops at the overdue deadline); no warning
    expect(step.signals.map((s) => s.ruleId)).toEqual(['TIME_OVERDUE']);
    expect(state.phase).toBe('completed');
  });
});

describe(fireDue.name, () => {
  it('fires a timer due exactly at the watermark, and nothing a millisecond before it', () => {
    const { state, due } = acceptedCase();

    expect(fireDue(state, due - 1, ctx)).toEqual([]);
    expect(fireDue(state, due, ctx).map((s) => s.ruleId)).toEqual(['TIME_WARNING']);
    expect(nextDueMs(state, ctx)).toBeGreaterThan(due);
  });
});

describe(fireDueOnCopy.name, () => {
  it('fires on a copy and leaves the state at its latest event', () => {
    const { state, due } = acceptedCase();

    const { state: atWatermark, signals } = fireDueOnCopy(state, due, ctx);

    expect(signals.map((s) => s.ruleId)).toEqual(['TIME_WARNING']);
    expect(atWatermark).not.toBe(state);
    expect(nextDueMs(state, ctx)).toBe(due);
  });

  it('hands back the state itself when nothing is due', () => {
    const { state, due } = acceptedCase();

    const { state: atWatermark, signals } = fireDueOnCopy(state, due - 1, ctx);

    expect(signals).toEqual([]);
    expect(atWatermark).toBe(state);
  });
});
