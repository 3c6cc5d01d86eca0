import { defineEventRule } from '../rule-definition';
import { yuan } from '../wording';
import { TIER_NAMES, penaltyActOf, penaltyActSubject } from './penalty-terms';
import { PENALTY_AMOUNT } from '../families';

export const PENALTY_OUT_OF_TIER = defineEventRule({
  id: 'PENALTY_OUT_OF_TIER',
  title: { zh: '罚款超出裁量阶次', en: 'Fine outside tier' },
  family: PENALTY_AMOUNT,
  stage: 'before',
  stageWhenDecided: 'after',
  level: 'yellow',
  qualifier: 'event',
  description: {
    zh: '罚款在法定幅度内，但不在所适用裁量阶次的幅度内',
    en: 'Fine within the legal range but outside the range of the tier applied',
  },
  legalBasis: [
    '《中华人民共和国行政处罚法》第三十四条',
    '《国务院办公厅关于进一步规范行政裁量权基准制定和管理工作的意见》（国办发〔2022〕27号）',
  ],
  eventTypes: ['penalty.proposed', 'penalty.decided'],
  check(input) {
    const { violationCode, tier, fine, tierRange } = penaltyActOf(input);
    if (!tierRange) return undefined;
    const [min, max] = tierRange;
    if (fine >= min && fine <= max) return undefined;
    return {
      message: `${penaltyActSubject(input)}罚款 ${yuan(fine)}，不在“${TIER_NAMES[tier]}”阶次幅度 ${yuan(min)} 至 ${yuan(max)} 内`,
      details: { violationCode, tier, fine, tierMin: min, tierMax: max },
    };
  },
});
