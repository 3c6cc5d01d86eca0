import type { Item, Settings } from '@app/contracts';
import { defineTimerRule } from '../rule-definition';
import { caseLabel, iso, lastDayOf, localDateTime, procedureName } from '../wording';

/** The longest a procedure may suspend the clock: the item's `maxDays`, else `defaultSuspensionMaxDays`. */
export function suspensionMaxDays(item: Item | undefined, procedure: string, settings: Settings): number {
  return (
    item?.suspensions.find((allowed) => allowed.procedure === procedure)?.maxDays ??
    settings.defaultSuspensionMaxDays
  );
}

export const SUSPENSION_OVERLONG = defineTimerRule({
  id: 'SUSPENSION_OVERLONG',
  title: { zh: '挂起超期', en: 'Suspension too long' },
  stage: 'during',
  level: 'yellow',
  qualifier: 'suspension',
  description: {
    zh: '特别程序（挂起）超过允许的最长天数仍未恢复计时',
    en: 'A suspension not resumed within the maximum days of its procedure',
  },
  legalBasis: ['《中华人民共和国行政许可法》第四十五条'],
  deadlines(state) {
    const suspension = state.suspension;
    if (state.phase !== 'running' || !suspension) return [];
    return [{ qualifier: `#${suspension.n}`, dueMs: suspension.dueMs }];
  },
  describe(timer, state, ctx) {
    const { calendar } = ctx.catalog;
    const suspension = state.suspension;
    const startedAt = suspension?.startedAtMs ?? timer.dueMs;
    return {
      message: `${caseLabel(state)}自 ${localDateTime(calendar, startedAt)} 起的特别程序（${procedureName(suspension?.procedure ?? '')}）超过 ${suspension?.maxDays ?? '?'} 天（${lastDayOf(calendar, timer.dueMs)}）仍未恢复计时`,
      details: {
        n: suspension?.n ?? null,
        procedure: suspension?.procedure ?? null,
        startedAt: iso(startedAt),
        maxDays: suspension?.maxDays ?? null,
        deadline: iso(timer.dueMs),
      },
    };
  },
});
