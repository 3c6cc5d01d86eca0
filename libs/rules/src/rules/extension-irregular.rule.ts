import { defineEventRule } from '../rule-definition';
import { caseLabel, isBlank } from '../wording';

export const EXTENSION_IRREGULAR = defineEventRule({
  id: 'EXTENSION_IRREGULAR',
  title: { zh: '违规延期', en: 'Irregular extension' },
  stage: 'during',
  level: 'yellow',
  qualifier: 'event',
  description: {
    zh: '违规延长办理期限：第二次延期、延长天数超过上限（默认 10 个工作日）或未说明延期理由',
    en: 'Irregular extension: a second extension, more days than allowed (default 10 working days) or no reason',
  },
  legalBasis: ['《中华人民共和国行政许可法》第四十二条'],
  eventTypes: ['case.extended'],
  check({ state, event, ctx }) {
    const { days, reason } = event.payload;
    const maxDays = ctx.catalog.settings.maxExtensionDays;
    const problems: string[] = [];
    const complaints: string[] = [];
    if (state.extensionCount >= 1) {
      problems.push('repeated');
      complaints.push(`第 ${state.extensionCount + 1} 次延期`);
    }
    if (days > maxDays) {
      problems.push('too long');
      complaints.push(`延长 ${days} 个工作日，超过上限 ${maxDays} 个工作日`);
    }
    if (isBlank(reason)) {
      problems.push('no reason');
      complaints.push('未说明延期理由');
    }
    if (problems.length === 0) return undefined;
    return {
      message: `${caseLabel(state)}违规延期：${complaints.join('；')}`,
      details: { problems, days, maxExtensionDays: maxDays, extensionNumber: state.extensionCount + 1 },
    };
  },
});
