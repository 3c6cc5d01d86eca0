import { defineEventRule } from '../rule-definition';
import { caseLabel, lastDayOf, localDateTime } from '../wording';

/**
 * An extension must be asked for before the promised limit runs out (行政许可法 §42: 经本行政机关
 * 负责人批准，可以延长…并应当将延长期限的理由告知申请人): asked at or after the promised deadline P
 * in force when it arrives, the case was already overdue and the extension only hides it.
 * Not judged while the case is suspended (its deadlines stand still). docs/rules.md § Rules.
 */
export const EXTENSION_AFTER_DEADLINE = defineEventRule({
  id: 'EXTENSION_AFTER_DEADLINE',
  title: { zh: '超期后延期', en: 'Extension after the deadline' },
  stage: 'during',
  level: 'yellow',
  qualifier: 'event',
  description: {
    zh: '超期后延期：承诺期限届满后才申请延长办理期限',
    en: 'Extension after the deadline: the extension was asked for once the promised limit had run out',
  },
  legalBasis: ['《中华人民共和国行政许可法》第四十二条'],
  eventTypes: ['case.extended'],
  check({ state, occurredAtMs, ctx }) {
    const clock = state.clock;
    if (!clock || state.suspension || occurredAtMs < clock.promisedDeadlineMs) return undefined;
    const calendar = ctx.catalog.calendar;
    return {
      message: `${caseLabel(state)}在承诺期限（${lastDayOf(calendar, clock.promisedDeadlineMs)}）届满后，于 ${localDateTime(calendar, occurredAtMs)} 才延长办理期限`,
      details: {
        promisedDeadline: new Date(clock.promisedDeadlineMs).toISOString(),
        extendedAt: new Date(occurredAtMs).toISOString(),
      },
    };
  },
});
