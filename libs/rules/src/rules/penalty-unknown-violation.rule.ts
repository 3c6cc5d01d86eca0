import { defineEventRule } from '../rule-definition';
import { TIER_NAMES, penaltyActOf, penaltyActSubject } from './penalty-terms';

export const PENALTY_UNKNOWN_VIOLATION = defineEventRule({
  id: 'PENALTY_UNKNOWN_VIOLATION',
  title: { zh: '无裁量基准处罚', en: 'Penalty without benchmark' },
  stage: 'before',
  stageWhenDecided: 'after',
  level: 'yellow',
  qualifier: 'event',
  excludes: [
    'PENALTY_OUT_OF_LEGAL_RANGE',
    'PENALTY_OUT_OF_TIER',
    'HEARING_NOT_NOTIFIED',
    'PENALTY_PEER_DEVIATION',
  ],
  description: {
    zh: '拟处罚或处罚决定的违法行为不在裁量基准中，或该违法行为未设定所用的裁量阶次',
    en: 'Proposed or decided penalty for a violation without a benchmark, or in a tier the benchmark does not define',
  },
  legalBasis: [
    '《中华人民共和国行政处罚法》第三十四条',
    '《国务院办公厅关于进一步规范行政裁量权基准制定和管理工作的意见》（国办发〔2022〕27号）',
  ],
  eventTypes: ['penalty.proposed', 'penalty.decided'],
  check(input) {
    const { violationCode, tier, benchmark, tierRange } = penaltyActOf(input);
    if (tierRange !== undefined) return undefined;
    const what = benchmark
      ? `违法行为 ${benchmark.name}（${violationCode}）的裁量基准未设定“${TIER_NAMES[tier]}”阶次`
      : `违法行为代码 ${violationCode} 不在裁量基准中`;
    return {
      message: `${penaltyActSubject(input)}：${what}`,
      details: { violationCode, tier, problem: benchmark ? 'tier not defined' : 'unknown violation' },
    };
  },
});
