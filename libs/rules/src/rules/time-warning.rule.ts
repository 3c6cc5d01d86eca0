import { runningClock } from '../case-clock';
import { caseDeadline, defineTimerRule } from '../rule-definition';
import { caseLabel, iso, lastDayOf } from '../wording';
import { TIME_LIMIT } from '../families';

export const TIME_WARNING = defineTimerRule({
  id: 'TIME_WARNING',
  title: { zh: '即将到期', en: 'Due soon' },
  family: TIME_LIMIT,
  stage: 'during',
  level: 'warning',
  qualifier: 'case',
  description: {
    zh: '到期前提示：承诺办结日前一个工作日（按事项 warnBeforeDays）办件仍未办结',
    en: 'Reminder on the working day before the promised last day (item warnBeforeDays) while the case is open',
  },
  legalBasis: ['《中华人民共和国行政许可法》第四十二条、第八十二条'],
  deadlines(state) {
    return caseDeadline(runningClock(state)?.warningAtMs);
  },
  describe(timer, state, ctx) {
    const { calendar } = ctx.catalog;
    const promisedMs = state.clock?.promisedDeadlineMs ?? timer.dueMs;
    return {
      message: `${caseLabel(state)}即将到达承诺办结时限（${lastDayOf(calendar, promisedMs)}），请抓紧办理`,
      details: { warningAt: iso(timer.dueMs), promisedDeadline: iso(promisedMs) },
    };
  },
});
