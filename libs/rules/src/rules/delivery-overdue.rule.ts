import { settingDeadline } from '../case-clock';
import { caseDeadline, defineTimerRule } from '../rule-definition';
import type { RuleContext } from '../rule-context';
import { caseLabel, iso, lastDayOf, localDateTime } from '../wording';

/** DELIVERY_OVERDUE: endOf(addDays(date(approved completion), deliveryDays)), working days. */
export function deliveryDeadline(completedAtMs: number, ctx: RuleContext): number {
  return settingDeadline(ctx, completedAtMs, 'deliveryDays');
}

export const DELIVERY_OVERDUE = defineTimerRule({
  id: 'DELIVERY_OVERDUE',
  title: { zh: '送达超期', en: 'Delivery overdue' },
  stage: 'after',
  level: 'yellow',
  qualifier: 'case',
  description: {
    zh: '准予许可后超过送达期限（默认 10 个工作日）未送达',
    en: 'Approved result not delivered within the delivery period (default 10 working days)',
  },
  legalBasis: ['《中华人民共和国行政许可法》第四十四条'],
  deadlines(state) {
    if (state.phase !== 'completed' || state.delivered) return [];
    return caseDeadline(state.deliveryDueMs);
  },
  describe(timer, state, ctx) {
    const { calendar, settings } = ctx.catalog;
    const completedAt = state.completion?.completedAtMs ?? timer.dueMs;
    return {
      message: `${caseLabel(state)}于 ${localDateTime(calendar, completedAt)} 准予许可，超过 ${settings.deliveryDays} 个工作日（${lastDayOf(calendar, timer.dueMs)}）未送达`,
      details: {
        completedAt: iso(completedAt),
        deliveryDays: settings.deliveryDays,
        deadline: iso(timer.dueMs),
      },
    };
  },
});
