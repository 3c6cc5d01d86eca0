import { defineEventRule } from '../rule-definition';
import { caseLabel, iso } from '../wording';

export const FEE_DUPLICATE_RECEIPT = defineEventRule({
  id: 'FEE_DUPLICATE_RECEIPT',
  title: { zh: '重复票据', en: 'Duplicate receipt' },
  stage: 'after',
  level: 'red',
  qualifier: 'event',
  description: {
    zh: '缴费或罚款缴纳使用的票据号已被此前的缴款使用过（重复票据）',
    en: 'A payment whose receipt number was already used by an earlier payment (any case)',
  },
  legalBasis: ['《财政票据管理办法》（财政部令第70号）', '《中华人民共和国行政处罚法》第七十条'],
  eventTypes: ['fee.paid', 'penalty.paid'],
  check({ state, event, occurredAtMs, ctx }) {
    const receiptNo = event.payload.receiptNo;
    const first = ctx.receipts.firstUse(receiptNo);
    if (!first || first.eventId === event.eventId || first.occurredAtMs > occurredAtMs) return undefined;
    const where = first.caseId === state.caseId ? '本办件' : `办件 ${first.caseId} `;
    return {
      message: `${caseLabel(state)}的缴款票据号 ${receiptNo} 已被${where}此前的缴款使用`,
      details: {
        receiptNo,
        firstUsedBy: first.eventId,
        firstUsedInCase: first.caseId,
        firstUsedAt: iso(first.occurredAtMs),
      },
    };
  },
});
