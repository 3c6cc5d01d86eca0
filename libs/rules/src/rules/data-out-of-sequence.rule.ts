import { EVENT_TYPES } from '@app/contracts';
import type { CasePhase } from '../case-state';
import { defineEventRule } from '../rule-definition';

const PHASE_NAMES: Readonly<Record<CasePhase, string>> = {
  new: '尚无申请或立案',
  submitted: '已申请、未受理',
  running: '办理中',
  completed: '已办结',
  refused: '已不予受理',
  decided: '已作出处罚决定',
};

export const DATA_OUT_OF_SEQUENCE = defineEventRule({
  id: 'DATA_OUT_OF_SEQUENCE',
  title: { zh: '数据时序异常', en: 'Data out of sequence' },
  stage: 'data',
  level: 'warning',
  qualifier: 'event',
  everyEvent: true,
  description: {
    zh: '上报的环节数据与办件当前状态不符（如未受理即办结、未挂起即恢复、办结后仍有办理环节），该数据不改变办件状态',
    en: 'A valid event that does not fit the case’s state; it changes no state',
  },
  legalBasis: [],
  eventTypes: EVENT_TYPES,
  check({ state, event, inSequence }) {
    if (inSequence) return undefined;
    const phase = state.suspension ? '挂起中' : PHASE_NAMES[state.phase];
    return {
      message: `办件 ${event.caseId} 上报的 ${event.type} 与办件状态（${phase}）不符，未予采用`,
      details: { eventType: event.type, phase: state.phase, suspended: state.suspension !== undefined },
    };
  },
});
