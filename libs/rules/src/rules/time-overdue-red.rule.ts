import { redDeadline, runningClock } from '../case-clock';
import { caseDeadline, defineTimerRule } from '../rule-definition';
import { caseLabel, iso, lastDayOf } from '../wording';
import { TIME_LIMIT } from '../families';

export const TIME_OVERDUE_RED = defineTimerRule({
  id: 'TIME_OVERDUE_RED',
  title: { zh: '超法定时限', en: 'Legal limit passed' },
  family: TIME_LIMIT,
  stage: 'during',
  level: 'red',
  qualifier: 'case',
  firesWhenClockStops: true,
  description: {
    zh: '超过法定时限或督办期限（以先到者为准）仍未办结（红牌）',
    en: 'Legal time limit or supervision period (whichever ends first) passed before the case was completed',
  },
  legalBasis: ['《中华人民共和国行政许可法》第四十二条、第八十二条', '《中华人民共和国行政处罚法》第六十条'],
  deadlines(state) {
    const clock = runningClock(state);
    return caseDeadline(clock && redDeadline(clock).dueMs);
  },
  describe(timer, state, ctx) {
    const { calendar } = ctx.catalog;
    const clock = state.clock;
    const limit = clock ? redDeadline(clock).limit : 'legal';
    const what = limit === 'legal' ? '法定时限' : '督办期限';
    return {
      message: `${caseLabel(state)}超过${what}（${lastDayOf(calendar, timer.dueMs)}）未办结`,
      details: {
        limit,
        deadline: iso(timer.dueMs),
        legalDeadline: clock ? iso(clock.legalDeadlineMs) : null,
        supervisionDeadline: clock ? iso(clock.supervisionDeadlineMs) : null,
      },
    };
  },
});
