import { defineEventRule } from '../rule-definition';
import { caseLabel, yuan } from '../wording';

export const HEARING_NOT_NOTIFIED = defineEventRule({
  id: 'HEARING_NOT_NOTIFIED',
  title: { zh: '未告知听证', en: 'No hearing notice' },
  stage: 'after',
  level: 'red',
  qualifier: 'event',
  description: {
    zh: '作出较大数额罚款决定（达到当事人类别的听证标准）前未告知听证权利',
    en: 'Fine at or above the hearing threshold of the party kind decided without an earlier hearing notice',
  },
  legalBasis: ['《中华人民共和国行政处罚法》第六十三条、第六十四条'],
  eventTypes: ['penalty.decided'],
  check({ state, event, ctx }) {
    const { violationCode, fine } = event.payload;
    const benchmark = ctx.catalog.benchmarks.get(violationCode);
    const party = state.party;
    if (!benchmark || !party || state.hearingNotified) return undefined;
    const threshold = benchmark.hearingThreshold[party];
    if (fine < threshold) return undefined;
    return {
      message: `${caseLabel(state)}罚款 ${yuan(fine)}，达到${party === 'person' ? '个人' : '单位'}听证标准 ${yuan(threshold)}，决定前未告知听证权利`,
      details: { violationCode, fine, partyKind: party, hearingThreshold: threshold },
    };
  },
});
