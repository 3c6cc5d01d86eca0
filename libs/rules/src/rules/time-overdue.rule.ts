import { runningClock } from '../case-clock';
import { caseDeadline, defineTimerRule } from '../rule-definition';
import { caseLabel, iso, lastDayOf } from '../wording';
import { TIME_LIMIT } from '../families';

export const TIME_OVERDUE = defineTimerRule({
  id: 'TIME_OVERDUE',
  title: { zh: '超承诺时限', en: 'Promised limit passed' },
  family: TIME_LIMIT,
  stage: 'during',
  level: 'yellow',
  qualifier: 'case',
  firesWhenClockStops: true,
  description: {
    zh: '超过承诺时限未办结（黄牌）',
    en: 'Promised time limit passed before the case was completed',
  },
  legalBasis: ['《中华人民共和国行政许可法》第四十二条、第八十二条', '《中华人民共和国行政处罚法》第六十条'],
  deadlines(state) {
    return caseDeadline(runningClock(state)?.promisedDeadlineMs);
  },
  describe(timer, state, ctx) {
    const { calendar } = ctx.catalog;
    return {
      message: `${caseLabel(state)}未在承诺时限内办结（承诺办结日 ${lastDayOf(calendar, timer.dueMs)}）`,
      details: { promisedDeadline: iso(timer.dueMs), promisedLastDay: lastDayOf(calendar, timer.dueMs) },
    };
  },
});
