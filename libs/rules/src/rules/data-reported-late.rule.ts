import { EVENT_TYPES, parseInstant } from '@app/contracts';
import { defineEventRule } from '../rule-definition';

const MS_PER_HOUR = 3_600_000;

export const DATA_REPORTED_LATE = defineEventRule({
  id: 'DATA_REPORTED_LATE',
  title: { zh: '数据上报迟延', en: 'Reported late' },
  stage: 'data',
  level: 'warning',
  qualifier: 'event',
  everyEvent: true,
  description: {
    zh: '业务数据上报不及时：上报时间晚于发生时间超过设定小时数（默认 24 小时）',
    en: 'Event reported more than reportingDelayHours (default 24) after it occurred',
  },
  legalBasis: [],
  eventTypes: EVENT_TYPES,
  check({ event, occurredAtMs, ctx }) {
    if (event.reportedAt === undefined) return undefined;
    const delayMs = parseInstant(event.reportedAt) - occurredAtMs;
    const limitHours = ctx.catalog.settings.reportingDelayHours;
    if (!(delayMs > limitHours * MS_PER_HOUR)) return undefined;
    return {
      message: `办件 ${event.caseId} 的 ${event.type} 数据迟报：发生后 ${(delayMs / MS_PER_HOUR).toFixed(1)} 小时才上报（限 ${limitHours} 小时）`,
      details: {
        eventType: event.type,
        occurredAt: event.occurredAt,
        reportedAt: event.reportedAt,
        delayMs,
        reportingDelayHours: limitHours,
      },
    };
  },
});
