/**
 * Rule families: rules that judge the same thing about a case at rising levels. Within a case, a
 * signal of a family supersedes the lower-level signals of that family (a red supersedes the
 * yellow, a yellow the warning): the lower one is linked to it, hidden on the wall and closed with
 * it. A rule names its family in its own file (`family:`); a rule without one is its own family.
 */
export interface RuleFamily {
  readonly id: string;
  /** What the wall's charts call it. */
  readonly title: { readonly zh: string; readonly en: string };
}

/** 到期预警 → 超承诺时限 (黄牌) → 超法定时限/督办期限 (红牌). */
export const TIME_LIMIT: RuleFamily = {
  id: 'time-limit',
  title: { zh: '办理时限（预警→黄牌→红牌）', en: 'Time limit (warning → yellow → red)' },
};

/** 拟处罚超出阶次 (黄牌) → 处罚超出法定幅度 (红牌). */
export const PENALTY_AMOUNT: RuleFamily = {
  id: 'penalty-amount',
  title: { zh: '处罚幅度（黄牌→红牌）', en: 'Fine amount (yellow → red)' },
};
