import { defineEventRule } from '../rule-definition';
import { caseLabel } from '../wording';

export const EVALUATION_DISSATISFIED = defineEventRule({
  id: 'EVALUATION_DISSATISFIED',
  title: { zh: '群众不满意', en: 'Dissatisfied citizen' },
  stage: 'after',
  level: 'warning',
  qualifier: 'event',
  description: {
    zh: '办事群众评价为不满意（评分不高于设定分值，默认 2 分）',
    en: 'Dissatisfied evaluation (score at or below the setting, default 2)',
  },
  legalBasis: ['《国务院办公厅关于建立政务服务“好差评”制度提高政务服务水平的意见》（国办发〔2019〕51号）'],
  eventTypes: ['case.evaluated'],
  check({ state, event, ctx }) {
    const { score, comment } = event.payload;
    const limit = ctx.catalog.settings.dissatisfiedScore;
    if (score > limit) return undefined;
    return {
      message: `${caseLabel(state)}收到差评：${score} 分${comment ? `（${comment}）` : ''}`,
      details: { score, dissatisfiedScore: limit },
    };
  },
});
