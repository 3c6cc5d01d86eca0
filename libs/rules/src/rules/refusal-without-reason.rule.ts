import { defineEventRule } from '../rule-definition';
import { caseLabel, isBlank } from '../wording';

export const REFUSAL_WITHOUT_REASON = defineEventRule({
  id: 'REFUSAL_WITHOUT_REASON',
  title: { zh: '不予受理未说明理由', en: 'Refusal without reason' },
  stage: 'before',
  level: 'yellow',
  qualifier: 'event',
  description: {
    zh: '不予受理决定既未说明理由也未载明法律依据',
    en: 'Refusal to accept with neither a reason nor a legal basis',
  },
  legalBasis: ['《中华人民共和国行政许可法》第三十二条'],
  eventTypes: ['case.refused'],
  check({ state, event }) {
    if (!isBlank(event.payload.reason) || !isBlank(event.payload.legalBasis)) return undefined;
    return {
      message: `${caseLabel(state)}不予受理，但未说明理由和法律依据`,
      details: {},
    };
  },
});
