import { defineEventRule } from '../rule-definition';
import { caseLabel, procedureName } from '../wording';

export const SUSPENSION_NOT_ALLOWED = defineEventRule({
  id: 'SUSPENSION_NOT_ALLOWED',
  title: { zh: '违规挂起', en: 'Suspension not allowed' },
  stage: 'during',
  level: 'warning',
  qualifier: 'suspension',
  description: {
    zh: '启动了该事项未列明的特别程序（挂起计时）',
    en: 'Suspension with a special procedure the item does not list',
  },
  legalBasis: ['《中华人民共和国行政许可法》第四十五条'],
  eventTypes: ['case.suspended'],
  check({ state, event }) {
    const item = state.item;
    const procedure = event.payload.procedure;
    if (!item || item.suspensions.some((allowed) => allowed.procedure === procedure)) return undefined;
    const n = state.suspensionCount + 1;
    return {
      qualifier: `#${n}`,
      message: `${caseLabel(state)}第 ${n} 次挂起使用的特别程序“${procedureName(procedure)}”（${procedure}）不在该事项允许的特别程序中`,
      details: { procedure, n, allowed: item.suspensions.map((allowed) => allowed.procedure) },
    };
  },
});
