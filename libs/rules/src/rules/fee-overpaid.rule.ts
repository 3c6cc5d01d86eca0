import { defineEventRule } from '../rule-definition';
import { caseLabel, yuan } from '../wording';

export const FEE_OVERPAID = defineEventRule({
  id: 'FEE_OVERPAID',
  title: { zh: '多收费', en: 'Fee overpaid' },
  stage: 'after',
  level: 'red',
  qualifier: 'event',
  description: {
    zh: '某收费项目的缴费累计金额超过核定累计金额',
    en: 'For an assessed fee code, the paid total exceeds the assessed total',
  },
  legalBasis: ['《中华人民共和国行政许可法》第五十九条', '《中华人民共和国价格法》第四十七条'],
  eventTypes: ['fee.paid'],
  check({ state, event }) {
    const { feeCode, amount } = event.payload;
    const assessed = state.feesAssessed?.get(feeCode);
    if (assessed === undefined) return undefined;
    const paid = (state.feesPaid?.get(feeCode) ?? 0) + amount;
    if (paid <= assessed) return undefined;
    return {
      message: `${caseLabel(state)}的 ${feeCode} 费用累计缴纳 ${yuan(paid)}，超过核定金额 ${yuan(assessed)}`,
      details: { feeCode, paidTotal: paid, assessedTotal: assessed },
    };
  },
});
