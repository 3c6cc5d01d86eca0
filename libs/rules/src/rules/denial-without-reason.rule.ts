import { defineEventRule } from '../rule-definition';
import { caseLabel, isBlank } from '../wording';

export const DENIAL_WITHOUT_REASON = defineEventRule({
  id: 'DENIAL_WITHOUT_REASON',
  title: { zh: '不予许可未说明理由', en: 'Denial without reason' },
  stage: 'after',
  level: 'yellow',
  qualifier: 'event',
  description: {
    zh: '作出不予许可决定，既未说明理由也未载明法律依据',
    en: 'Licence denied with neither a reason nor a legal basis',
  },
  legalBasis: ['《中华人民共和国行政许可法》第三十八条第二款'],
  eventTypes: ['case.completed'],
  check({ state, event }) {
    const { result, reason, legalBasis } = event.payload;
    if (result !== 'denied' || !isBlank(reason) || !isBlank(legalBasis)) return undefined;
    return {
      message: `${caseLabel(state)}作出不予许可决定，但未说明理由和法律依据`,
      details: { result },
    };
  },
});
