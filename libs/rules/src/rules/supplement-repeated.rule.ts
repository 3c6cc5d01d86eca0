import { defineEventRule } from '../rule-definition';
import { caseLabel } from '../wording';

export const SUPPLEMENT_REPEATED = defineEventRule({
  id: 'SUPPLEMENT_REPEATED',
  title: { zh: '多次补正告知', en: 'Repeated supplement request' },
  stage: 'before',
  level: 'yellow',
  qualifier: 'case',
  description: {
    zh: '同一办件第二次补正告知，违反一次性告知要求',
    en: 'A second supplement request for the same case (all missing materials must be requested at once)',
  },
  legalBasis: ['《中华人民共和国行政许可法》第三十二条第一款第（四）项'],
  eventTypes: ['case.supplement_requested'],
  check({ state, event }) {
    if (state.supplementRequests < 1) return undefined;
    return {
      message: `${caseLabel(state)}第 ${state.supplementRequests + 1} 次发出补正告知，未做到一次性告知`,
      details: {
        requestNumber: state.supplementRequests + 1,
        missingMaterials: event.payload.missingMaterials,
      },
    };
  },
});
