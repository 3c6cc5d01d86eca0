import { settingDeadline } from '../case-clock';
import { caseDeadline, defineTimerRule } from '../rule-definition';
import type { RuleContext } from '../rule-context';
import { caseLabel, iso, lastDayOf, localDateTime } from '../wording';

/** ACCEPTANCE_OVERDUE: endOf(addDays(date(submitted), acceptanceDays)), working days. */
export function acceptanceDeadline(submittedAtMs: number, ctx: RuleContext): number {
  return settingDeadline(ctx, submittedAtMs, 'acceptanceDays');
}

export const ACCEPTANCE_OVERDUE = defineTimerRule({
  id: 'ACCEPTANCE_OVERDUE',
  title: { zh: '受理超期', en: 'Acceptance overdue' },
  stage: 'before',
  level: 'yellow',
  qualifier: 'case',
  description: {
    zh: '申请提交后，在受理期限（默认 5 个工作日）内未作出受理、不予受理或补正告知',
    en: 'Neither accepted, refused nor asked for supplements within the acceptance period (default 5 working days) after submission',
  },
  legalBasis: ['《中华人民共和国行政许可法》第三十二条'],
  deadlines(state) {
    if (state.phase !== 'submitted' || state.supplementRequests > 0) return [];
    return caseDeadline(state.acceptanceDueMs);
  },
  describe(timer, state, ctx) {
    const { calendar, settings } = ctx.catalog;
    const submittedAt = state.submittedAtMs ?? timer.dueMs;
    return {
      message: `${caseLabel(state)}于 ${localDateTime(calendar, submittedAt)} 提交申请，超过 ${settings.acceptanceDays} 个工作日（至 ${lastDayOf(calendar, timer.dueMs)}）未受理、不予受理或一次性告知补正`,
      details: {
        submittedAt: iso(submittedAt),
        acceptanceDays: settings.acceptanceDays,
        deadline: iso(timer.dueMs),
      },
    };
  },
});
