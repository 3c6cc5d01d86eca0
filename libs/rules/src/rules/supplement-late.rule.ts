import { settingDeadline } from '../case-clock';
import { defineEventRule } from '../rule-definition';
import type { RuleContext } from '../rule-context';
import { caseLabel, iso, lastDayOf } from '../wording';

/** SUPPLEMENT_LATE: a request at or after endOf(addDays(date(submitted), supplementNoticeDays)) is late. */
export function supplementDeadline(submittedAtMs: number, ctx: RuleContext): number {
  return settingDeadline(ctx, submittedAtMs, 'supplementNoticeDays');
}

export const SUPPLEMENT_LATE = defineEventRule({
  id: 'SUPPLEMENT_LATE',
  title: { zh: '补正告知超期', en: 'Supplement request late' },
  stage: 'before',
  level: 'yellow',
  qualifier: 'event',
  timeRule: true,
  description: {
    zh: '补正告知超过规定期限（默认提交后 5 个工作日内）才发出',
    en: 'Supplement request issued after the notice period (default 5 working days after submission)',
  },
  legalBasis: ['《中华人民共和国行政许可法》第三十二条第一款第（四）项'],
  eventTypes: ['case.supplement_requested'],
  check({ state, occurredAtMs, ctx }) {
    const dueMs = state.supplementDueMs;
    if (dueMs === undefined || occurredAtMs < dueMs) return undefined;
    const { calendar, settings } = ctx.catalog;
    return {
      message: `${caseLabel(state)}的补正告知超过提交后 ${settings.supplementNoticeDays} 个工作日（至 ${lastDayOf(calendar, dueMs)}）才发出`,
      details: {
        submittedAt: iso(state.submittedAtMs ?? dueMs),
        supplementNoticeDays: settings.supplementNoticeDays,
        deadline: iso(dueMs),
      },
    };
  },
});
