import { defineEventRule } from '../rule-definition';
import { caseLabel } from '../wording';

export const REFUSAL_WITH_COMPLETE_MATERIALS = defineEventRule({
  id: 'REFUSAL_WITH_COMPLETE_MATERIALS',
  title: { zh: '材料齐全仍不予受理', en: 'Refused with complete materials' },
  stage: 'before',
  level: 'warning',
  qualifier: 'event',
  description: {
    zh: '申请材料（含补正材料）已齐全仍不予受理',
    en: 'Refusal although the materials submitted and supplemented cover every required material',
  },
  legalBasis: ['《中华人民共和国行政许可法》第三十二条第一款第（五）项'],
  eventTypes: ['case.refused'],
  check({ state }) {
    const item = state.item;
    if (!item) return undefined;
    const required = item.requiredMaterials;
    if (!required.every((material) => state.materials?.has(material) === true)) return undefined;
    return {
      message: `${caseLabel(state)}申请材料已齐全（${required.length} 项），仍作出不予受理决定`,
      details: { requiredMaterials: required },
    };
  },
});
