import type { PenaltyBenchmark, Tier } from '@app/contracts';
import { defineEventRule } from '../rule-definition';
import { yuan } from '../wording';
import { TIER_NAMES, penaltyActOf, penaltyActSubject } from './penalty-terms';
import { PENALTY_AMOUNT } from '../families';

/**
 * Whether a fine breaks the legal range for its tier: lighter/ordinary/heavier must lie in
 * [legalMin, legalMax]; mitigated (减轻) must be below legalMin; exempt must be 0.
 */
export function breaksLegalRange(benchmark: PenaltyBenchmark, tier: Tier, fine: number): boolean {
  switch (tier) {
    case 'exempt':
      return fine > 0;
    case 'mitigated':
      return fine >= benchmark.legalMin;
    default:
      return fine < benchmark.legalMin || fine > benchmark.legalMax;
  }
}

export const PENALTY_OUT_OF_LEGAL_RANGE = defineEventRule({
  id: 'PENALTY_OUT_OF_LEGAL_RANGE',
  title: { zh: '罚款超出法定幅度', en: 'Fine outside legal range' },
  family: PENALTY_AMOUNT,
  stage: 'before',
  stageWhenDecided: 'after',
  level: 'red',
  qualifier: 'event',
  excludes: ['PENALTY_OUT_OF_TIER'],
  description: {
    zh: '罚款超出法定幅度：从轻、一般、从重处罚不在法定最低至最高额之间；减轻处罚不低于法定最低额；不予处罚却有罚款',
    en: 'Fine outside the legal range: lighter/ordinary/heavier outside [legal min, legal max]; mitigated not below the legal minimum; exempt with a fine',
  },
  legalBasis: [
    '《中华人民共和国行政处罚法》第五条、第三十二条、第三十三条',
    '《中华人民共和国行政诉讼法》第七十七条',
  ],
  eventTypes: ['penalty.proposed', 'penalty.decided'],
  check(input) {
    const { violationCode, tier, fine, benchmark } = penaltyActOf(input);
    if (!benchmark || !breaksLegalRange(benchmark, tier, fine)) return undefined;
    const range = `${yuan(benchmark.legalMin)} 至 ${yuan(benchmark.legalMax)}`;
    const rule =
      tier === 'exempt'
        ? '不予处罚不应罚款'
        : tier === 'mitigated'
          ? `减轻处罚应低于法定最低额 ${yuan(benchmark.legalMin)}`
          : `法定幅度为 ${range}`;
    return {
      message: `${penaltyActSubject(input)}（${benchmark.name}，${TIER_NAMES[tier]}）罚款 ${yuan(fine)}，超出法定幅度：${rule}`,
      details: { violationCode, tier, fine, legalMin: benchmark.legalMin, legalMax: benchmark.legalMax },
    };
  },
});
