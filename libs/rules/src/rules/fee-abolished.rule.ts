import { defineEventRule } from '../rule-definition';
import { caseLabel, yuan } from '../wording';

export const FEE_ABOLISHED = defineEventRule({
  id: 'FEE_ABOLISHED',
  title: { zh: '收取已取消费用', en: 'Abolished fee' },
  stage: 'before',
  level: 'red',
  qualifier: 'event',
  excludes: ['FEE_OVER_STANDARD', 'FEE_UNDER_STANDARD'],
  description: {
    zh: '在收费项目有效期之外核定收费（已取消、停征或尚未开征）',
    en: 'Fee assessed on a date outside its effective period (abolished, suspended or not yet in force)',
  },
  legalBasis: [
    '《中华人民共和国行政许可法》第五十九条',
    '《违反行政事业性收费和罚没收入收支两条线管理规定行政处分暂行规定》（国务院令第281号）',
  ],
  eventTypes: ['fee.assessed'],
  check({ state, event, occurredAtMs, ctx }) {
    const fee = ctx.catalog.fees.get(event.payload.feeCode);
    if (!fee) return undefined;
    const { calendar } = ctx.catalog;
    const day = calendar.format(calendar.dateOf(occurredAtMs));
    const beforeStart = day < fee.effectiveFrom;
    const afterEnd = fee.effectiveTo !== null && day > fee.effectiveTo;
    if (!beforeStart && !afterEnd) return undefined;
    const period = `${fee.effectiveFrom} 至 ${fee.effectiveTo ?? '今'}`;
    return {
      message: `${caseLabel(state)}于 ${day} 核定收费 ${fee.name}（${fee.code}，${yuan(event.payload.amount)}），不在其有效期（${period}）内${afterEnd ? '，该收费已取消或停征' : ''}`,
      details: {
        feeCode: fee.code,
        assessedOn: day,
        effectiveFrom: fee.effectiveFrom,
        effectiveTo: fee.effectiveTo,
        amount: event.payload.amount,
      },
    };
  },
});
