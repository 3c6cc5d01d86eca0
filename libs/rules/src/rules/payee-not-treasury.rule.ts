import { defineEventRule } from '../rule-definition';
import { caseLabel, yuan } from '../wording';

export const PAYEE_NOT_TREASURY = defineEventRule({
  id: 'PAYEE_NOT_TREASURY',
  title: { zh: '违反收支两条线', en: 'Paid to the department' },
  stage: 'after',
  level: 'red',
  qualifier: 'event',
  description: {
    zh: '收费由部门自行收取（违反收支两条线）；罚款由部门自行收缴且超过当场收缴限额（违反罚缴分离）',
    en: 'Fee collected by the department itself; fine above the on-the-spot limit collected by the department',
  },
  legalBasis: [
    '《中华人民共和国行政许可法》第五十九条',
    '《中华人民共和国行政处罚法》第六十七条、第六十八条、第七十四条',
    '《违反行政事业性收费和罚没收入收支两条线管理规定行政处分暂行规定》（国务院令第281号）',
  ],
  eventTypes: ['fee.paid', 'penalty.paid'],
  check({ state, event, ctx }) {
    if (event.payload.payee !== 'department') return undefined;
    const amount = event.payload.amount;
    if (event.type === 'fee.paid') {
      return {
        message: `${caseLabel(state)}的 ${event.payload.feeCode} 费用 ${yuan(amount)} 由部门自行收取，未缴入国库或指定银行（收支两条线）`,
        details: { kind: 'fee', amount, payee: 'department' },
      };
    }
    const limit = ctx.catalog.settings.onSpotFineLimit;
    if (amount <= limit) return undefined;
    return {
      message: `${caseLabel(state)}罚款 ${yuan(amount)} 由部门自行收缴，超过当场收缴限额 ${yuan(limit)}（罚缴分离）`,
      details: { kind: 'fine', amount, payee: 'department', onSpotFineLimit: limit },
    };
  },
});
