import { defineEventRule } from '../rule-definition';
import { caseLabel, yuan } from '../wording';

export const FINE_OVERPAID = defineEventRule({
  id: 'FINE_OVERPAID',
  title: { zh: '多收罚款', en: 'Fine overpaid' },
  stage: 'after',
  level: 'red',
  qualifier: 'event',
  description: {
    zh: '已缴罚款超过处罚决定的罚款金额，或在作出处罚决定前收缴罚款',
    en: 'Fines paid exceed the decided fine, or a fine paid before any decision',
  },
  legalBasis: ['《中华人民共和国行政处罚法》第六十七条'],
  eventTypes: ['penalty.paid'],
  check({ state, event }) {
    const amount = event.payload.amount;
    const paid = state.finesPaid + amount;
    const decision = state.decision;
    if (!decision) {
      return {
        message: `${caseLabel(state)}在作出处罚决定前收缴罚款 ${yuan(amount)}`,
        details: { amount, paidTotal: paid, decidedFine: null },
      };
    }
    if (paid <= decision.fine) return undefined;
    return {
      message: `${caseLabel(state)}累计缴纳罚款 ${yuan(paid)}，超过决定罚款 ${yuan(decision.fine)}`,
      details: { amount, paidTotal: paid, decidedFine: decision.fine },
    };
  },
});
