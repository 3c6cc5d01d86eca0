import { deadlineAfter } from '../case-clock';
import type { TimerDue } from '../rule-definition';
import { defineTimerRule } from '../rule-definition';
import type { RuleContext } from '../rule-context';
import type { CaseState } from '../case-state';
import { caseLabel, iso, lastDayOf, localDateTime } from '../wording';

/** The last day of a step started at `startedAtMs`, or undefined for a step the item does not list. */
export function stepLastDay(
  state: Readonly<CaseState>,
  stepCode: string,
  startedAtMs: number,
  ctx: RuleContext,
): { lastDay: number; dueMs: number } | undefined {
  const step = state.item?.steps.find((candidate) => candidate.code === stepCode);
  if (!step) return undefined;
  return deadlineAfter(ctx.catalog.calendar, startedAtMs, step.limitDays, state.timeUnit);
}

export function stepQualifier(stepCode: string, n: number): string {
  return `${stepCode}#${n}`;
}

export const STEP_OVERDUE = defineTimerRule({
  id: 'STEP_OVERDUE',
  title: { zh: '环节超时', en: 'Step overdue' },
  stage: 'during',
  level: 'yellow',
  qualifier: 'step',
  description: {
    zh: '办理环节超过该环节时限未完成',
    en: 'A processing step not completed within its own time limit',
  },
  legalBasis: ['《中华人民共和国行政许可法》第三十条、第四十二条'],
  deadlines(state) {
    if (state.phase !== 'running' || state.suspension || !state.steps) return [];
    const timers: TimerDue[] = [];
    for (const { running: step } of state.steps.values()) {
      if (step?.dueMs !== undefined)
        timers.push({ qualifier: stepQualifier(step.stepCode, step.n), dueMs: step.dueMs });
    }
    return timers;
  },
  describe(timer, state, ctx) {
    const { calendar } = ctx.catalog;
    const stepCode = timer.qualifier.slice(0, timer.qualifier.lastIndexOf('#'));
    const running = state.steps?.get(stepCode)?.running;
    const step = state.item?.steps.find((candidate) => candidate.code === stepCode);
    const startedAt = running?.startedAtMs ?? timer.dueMs;
    return {
      message: `${caseLabel(state)}的“${step?.name ?? stepCode}”环节（${localDateTime(calendar, startedAt)} 开始）超过 ${step?.limitDays ?? '?'} 天时限（${lastDayOf(calendar, timer.dueMs)}）未完成`,
      details: {
        stepCode,
        n: running?.n ?? null,
        startedAt: iso(startedAt),
        limitDays: step?.limitDays ?? null,
        deadline: iso(timer.dueMs),
      },
    };
  },
});
