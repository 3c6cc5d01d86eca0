import { EVENT_TYPES } from '@app/contracts';
import { defineEventRule } from '../rule-definition';

export const ITEM_NOT_IN_CATALOG = defineEventRule({
  id: 'ITEM_NOT_IN_CATALOG',
  title: { zh: '目录外办理', en: 'Item not in catalogue' },
  stage: 'before',
  level: 'yellow',
  qualifier: 'case',
  everyEvent: true,
  description: {
    zh: '办件所属事项不在事项目录中（目录外办理）；该办件不计算时限',
    en: 'The case’s item is not in the catalogue; no time rules run for the case',
  },
  legalBasis: ['《中华人民共和国行政许可法》第三十条', '《优化营商环境条例》第三十九条'],
  eventTypes: EVENT_TYPES,
  check({ state, event, ctx }) {
    if (state.eventCount > 0 || ctx.catalog.items.has(event.itemCode)) return undefined;
    return {
      message: `办件 ${event.caseId} 的事项编码 ${event.itemCode} 不在事项目录中`,
      details: { itemCode: event.itemCode, eventType: event.type },
    };
  },
});
