import { defineEventRule } from '../rule-definition';
import { caseLabel, yuan } from '../wording';
import { againstStandard } from './fee-over-standard.rule';

export const FEE_UNDER_STANDARD = defineEventRule({
  id: 'FEE_UNDER_STANDARD',
  title: { zh: '擅自减免收费', en: 'Fee under standard' },
  stage: 'before',
  level: 'warning',
  qualifier: 'event',
  description: {
    zh: '核定金额低于收费标准（单价 × 数量），可能擅自减免',
    en: 'Assessed amount below the standard (unit amount × quantity): an unauthorised reduction',
  },
  legalBasis: [
    '《中华人民共和国行政许可法》第五十九条',
    '《行政事业性收费标准管理办法》（发改价格规〔2018〕988号）',
  ],
  eventTypes: ['fee.assessed'],
  check({ state, event, ctx }) {
    const assessed = againstStandard(event.payload, ctx);
    if (!assessed || assessed.amount >= assessed.standard) return undefined;
    const { fee, amount, standard, details } = assessed;
    return {
      message: `${caseLabel(state)}核定收费 ${fee.name}（${fee.code}）${yuan(amount)}，低于标准 ${yuan(standard)}，疑似擅自减免`,
      details,
    };
  },
});
