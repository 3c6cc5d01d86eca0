import type { TimelineStep } from '@app/rules';
import {
  TIMELINE_COLUMNS,
  timelineCsvRows,
  timelineJsonLines,
  type CaseTimelineView,
} from './timeline-export';

const signal = {
  alertKey: 'C-1|TIME_OVERDUE|',
  caseId: 'C-1',
  itemCode: 'XK-SCJG-001',
  departmentId: 'scjgj',
  ruleId: 'TIME_OVERDUE',
  stage: 'during' as const,
  level: 'yellow' as const,
  raisedAt: '2026-03-17T16:00:00.000Z',
  triggeredBy: 'timer',
  message: '超过承诺时限',
  details: {},
};

const after = {
  phase: 'running',
  clock: {
    startedAt: '2026-03-02T02:00:00.000Z',
    warningAt: null,
    promisedDay: '2026-03-16',
    promisedDeadline: '2026-03-16T15:59:59.999Z',
    supervisionDay: '2026-03-19',
    supervisionDeadline: '2026-03-19T15:59:59.999Z',
    legalDay: '2026-03-30',
    legalDeadline: '2026-03-30T15:59:59.999Z',
    redDeadline: '2026-03-19T15:59:59.999Z',
    redLimit: 'supervision' as const,
    stoppedAt: null,
  },
  suspension: null,
  runningSteps: [],
  acceptanceDueAt: null,
  supplementDueAt: null,
  deliveryDueAt: null,
  extensions: 0,
  suspensions: 0,
  pendingTimers: [],
};

const step = (seq: number, type: string, signals = [] as (typeof signal)[]): TimelineStep => ({
  seq,
  eventId: `e${seq}`,
  type,
  occurredAt: `2026-03-0${seq + 1}T10:00:00+08:00`,
  reportedAt: null,
  arrivedAt: '2026-03-20T00:00:00.000Z',
  kafka: { topic: 'approval.events', partition: 0, offset: String(seq) },
  actor: { id: 'u1', name: '窗口 王五' },
  payload: {},
  inSequence: true,
  signals,
  after,
});

const timeline: CaseTimelineView = {
  caseId: 'C-1',
  itemCode: 'XK-SCJG-001',
  item: { name: '食品经营许可', steps: [{ code: 'review', name: '审查' }] },
  departmentId: 'scjgj',
  catalog: { version: '1', source: 'database' },
  watermark: '2026-03-20T00:00:00.000Z',
  projection: null,
  events: [step(1, 'case.submitted'), step(2, 'case.accepted')],
  afterLastEvent: { watermark: '2026-03-20T00:00:00.000Z', signals: [signal], after },
  signals: [
    {
      ...signal,
      status: 'acknowledged',
      retractedReason: null,
      ruleFamily: null,
      responseDueAt: null,
      overdue: false,
      overdueAt: null,
      escalatedTo: null,
      superseded: false,
      acknowledgedAt: '2026-03-18T01:00:00.000Z',
      respondedAt: null,
      responseKind: null,
      responseText: null,
      closedAt: null,
      verdict: null,
      createdAt: '2026-03-17T16:00:01.000Z',
      updatedAt: '2026-03-18T01:00:00.000Z',
      replayed: true,
      lifecycle: [
        {
          id: 7,
          alertKey: signal.alertKey,
          action: 'acknowledge',
          fromStatus: 'open',
          toStatus: 'acknowledged',
          actorUsername: 'officer-scjgj',
          actorRole: 'department_officer',
          address: null,
          at: '2026-03-18T01:00:00.000Z',
          responseKind: null,
          verdict: null,
          text: '已签收',
          details: {},
        },
      ],
    },
  ],
  notRaisedLive: [],
};

describe('a case timeline export', () => {
  it('has a CSV row per event, fold signal, live signal and lifecycle action, in the timeline’s order', () => {
    const rows = timelineCsvRows(timeline);
    expect(rows.every((row) => row.length === TIMELINE_COLUMNS.length)).toBe(true);
    expect(rows.map((row) => [row[0], row[1]])).toEqual([
      ['event', '2026-03-02T10:00:00+08:00'],
      ['event', '2026-03-03T10:00:00+08:00'],
      ['fold-signal', signal.raisedAt],
      ['live-signal', signal.raisedAt],
      ['lifecycle', '2026-03-18T01:00:00.000Z'],
    ]);
    const column = (name: (typeof TIMELINE_COLUMNS)[number]) => TIMELINE_COLUMNS.indexOf(name);
    expect(rows[0]?.[column('promisedDeadline')]).toBe('2026-03-16T15:59:59.999Z');
    expect(rows[0]?.[column('actor')]).toBe('窗口 王五');
    expect(rows[3]?.[column('status')]).toBe('acknowledged');
    expect(rows[4]?.[column('actor')]).toBe('officer-scjgj (department_officer)');
    expect(rows[4]?.[column('text')]).toBe('已签收');
  });

  it('writes JSON Lines: the case, each event, the timers after the last event, each signal', () => {
    const lines = timelineJsonLines(timeline)
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { entry: string; caseId?: string; seq?: number });
    expect(lines.map((line) => line.entry)).toEqual(['case', 'event', 'event', 'afterLastEvent', 'signal']);
    expect(lines[0]).toMatchObject({
      caseId: 'C-1',
      item: { name: '食品经营许可' },
      catalog: { version: '1' },
    });
    expect(lines[2]?.seq).toBe(2);
  });
});
