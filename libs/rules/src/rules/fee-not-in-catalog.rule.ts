import { defineEventRule } from '../rule-definition';
import { caseLabel, yuan } from '../wording';

export const FEE_NOT_IN_CATALOG = defineEventRule({
  id: 'FEE_NOT_IN_CATALOG',
  title: { zh: '擅自收费', en: 'Unauthorised fee' },
  stage: 'before',
  level: 'red',
  qualifier: 'event',
  excludes: ['FEE_ABOLISHED', 'FEE_OVER_STANDARD', 'FEE_UNDER_STANDARD'],
  description: {
    zh: '核定的收费项目不在收费目录中，或不属于该事项可收取的费用（擅自收费）',
    en: 'Fee assessed that is not in the fee catalogue or not one the item may charge (unauthorised fee)',
  },
  legalBasis: [
    '《中华人民共和国行政许可法》第五十八条、第五十九条',
    '《违反行政事业性收费和罚没收入收支两条线管理规定行政处分暂行规定》（国务院令第281号）',
  ],
  eventTypes: ['fee.assessed'],
  check({ state, event, ctx }) {
    const { feeCode, amount } = event.payload;
    const fee = ctx.catalog.fees.get(feeCode);
    if (!fee) {
      return {
        message: `${caseLabel(state)}核定收费 ${feeCode}（${yuan(amount)}）不在收费目录中，属擅自收费`,
        details: { feeCode, amount, problem: 'unknown fee' },
      };
    }
    const item = state.item;
    if (item && !item.feeCodes.includes(feeCode)) {
      return {
        message: `${caseLabel(state)}核定收费 ${fee.name}（${feeCode}，${yuan(amount)}）不在该事项的收费项目中，属擅自收费`,
        details: { feeCode, amount, problem: 'not charged by this item', itemFeeCodes: item.feeCodes },
      };
    }
    return undefined;
  },
});
