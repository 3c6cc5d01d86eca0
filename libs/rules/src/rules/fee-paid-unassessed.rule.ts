import { defineEventRule } from '../rule-definition';
import { caseLabel, yuan } from '../wording';

export const FEE_PAID_UNASSESSED = defineEventRule({
  id: 'FEE_PAID_UNASSESSED',
  title: { zh: '未核定即缴费', en: 'Fee paid, never assessed' },
  stage: 'after',
  level: 'red',
  qualifier: 'event',
  description: {
    zh: '缴费的收费项目在本办件中未经核定',
    en: 'Fee paid for a fee code never assessed in the case',
  },
  legalBasis: [
    '《中华人民共和国行政许可法》第五十九条',
    '《违反行政事业性收费和罚没收入收支两条线管理规定行政处分暂行规定》（国务院令第281号）',
  ],
  eventTypes: ['fee.paid'],
  check({ state, event }) {
    const { feeCode, amount } = event.payload;
    if (state.feesAssessed?.has(feeCode) === true) return undefined;
    return {
      message: `${caseLabel(state)}缴纳 ${feeCode} 费用 ${yuan(amount)}，但该收费未经核定`,
      details: { feeCode, amount },
    };
  },
});
