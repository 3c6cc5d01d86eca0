import type { WallCase, WallSignal } from '../../../../libs/contracts/src/wall-protocol';
import type { SessionUser } from './api';
import { actionsFor, deadlineChanges, stepNamesOf, timelineOf, type DeadlinesAfter } from './case-panel';
import { learnTitles } from './i18n';
import { raisedSignal } from './stream-state';

// the names the wall learns from GET /api/wall/reference
learnTitles({
  rules: [
    {
      id: 'TIME_OVERDUE',
      title: { zh: '超承诺时限', en: 'Promised limit passed' },
      level: 'yellow',
      stage: 'during',
      family: 'time-limit',
      description: { zh: '超过承诺时限', en: 'Past the promised limit' },
    },
  ],
  families: [],
});

const noDeadlines: DeadlinesAfter = {
  clock: null,
  suspension: null,
  runningSteps: [],
  acceptanceDueAt: null,
};

/** An open TIME_OVERDUE signal with its response deadline. */
function aSignal(overrides: Partial<WallSignal> = {}): WallSignal {
  const raised = raisedSignal(
    {
      alertKey: 'C-1|TIME_OVERDUE|',
      caseId: 'C-1',
      itemCode: 'XK-SCJG-003',
      departmentId: 'scjgj',
      ruleId: 'TIME_OVERDUE',
      stage: 'during',
      level: 'yellow',
      raisedAt: '2026-11-20T16:00:00.000Z',
      triggeredBy: 'timer',
      message: '超承诺时限',
    },
    'time-limit',
  );
  return { ...raised, responseDueAt: '2026-11-27T16:00:00.000Z', ...overrides };
}

const user = (role: SessionUser['role'], departmentId: string | null = null): SessionUser => ({
  id: role,
  username: role,
  displayName: role,
  role,
  departmentId,
});

describe(actionsFor.name, () => {
  it.each([
    ['an officer of the department, open', user('department_officer', 'scjgj'), {}, ['acknowledge']],
    [
      'an officer of the department, acknowledged',
      user('department_officer', 'scjgj'),
      { status: 'acknowledged' },
      ['respond'],
    ],
    ['an officer of another department', user('department_officer', 'zjj'), {}, []],
    ['a supervisor, answered', user('supervisor'), { status: 'responded' }, ['return', 'close']],
    ['a supervisor, not answered', user('supervisor'), { status: 'acknowledged' }, ['urge', 'confirm']],
    ['a supervisor, open', user('supervisor'), {}, ['urge', 'confirm']],
    ['a supervisor, closed', user('supervisor'), { status: 'closed' }, []],
    ['a supervisor, superseded', user('supervisor'), { escalatedTo: 'C-1|TIME_OVERDUE_RED|' }, []],
    ['an auditor', user('auditor'), { status: 'responded' }, []],
    ['an auditor, open (no 催办)', user('auditor'), {}, []],
  ] as const)('%s', (_name, who, signal, actions) => {
    expect(actionsFor(who, aSignal(signal))).toEqual(actions);
  });
});

describe(deadlineChanges.name, () => {
  it('names the deadlines an event set or moved, in Chinese by default', () => {
    const accepted: DeadlinesAfter = {
      ...noDeadlines,
      clock: {
        promisedDeadline: '2026-11-20T16:00:00.000Z',
        redDeadline: '2026-12-03T16:00:00.000Z',
        stoppedAt: null,
      },
    };
    expect(
      deadlineChanges({ ...noDeadlines, acceptanceDueAt: '2026-11-13T16:00:00.000Z' }, accepted),
    ).toEqual(['承诺时限 2026-11-21 00:00', '红牌时限 2026-12-04 00:00']);
    const review: DeadlinesAfter = {
      ...accepted,
      runningSteps: [{ stepCode: 'review', dueAt: '2026-11-16T16:00:00.000Z' }],
    };
    expect(deadlineChanges(accepted, review)).toEqual(['环节 review 时限 2026-11-17 00:00']);
    expect(deadlineChanges(review, review)).toEqual([]);
    const completed: DeadlinesAfter = {
      ...review,
      clock: { ...accepted.clock!, stoppedAt: '2026-11-18T02:00:00.000Z' },
    };
    expect(deadlineChanges(review, completed)).toEqual(['计时停止']);
  });
});

describe(timelineOf.name, () => {
  it('puts events, signals, lifecycle steps and deadlines on one line of time', () => {
    const view: WallCase = {
      item: null,
      case: {
        caseId: 'C-1',
        itemCode: 'XK-SCJG-003',
        departmentId: 'scjgj',
        phase: 'running',
        acceptedAt: '2026-11-11T01:31:00.000Z',
        promisedDeadline: '2026-11-20T16:00:00.000Z',
        legalDeadline: '2026-12-03T16:00:00.000Z',
        eventCount: 2,
        lastOccurredAt: '2026-11-11T01:31:00.000Z',
      },
      events: [
        {
          eventId: 'e1',
          type: 'case.submitted',
          occurredAt: '2026-11-10T07:00:00.000Z',
          reportedAt: null,
          actorName: '熊英',
          payload: {},
        },
        {
          eventId: 'e2',
          type: 'case.accepted',
          occurredAt: '2026-11-11T01:31:00.000Z',
          reportedAt: null,
          actorName: null,
          payload: {},
        },
      ],
      signals: [{ ...aSignal(), responseText: null }],
      transitions: [
        {
          id: 1,
          alertKey: 'C-1|TIME_OVERDUE|',
          action: 'raise',
          fromStatus: null,
          toStatus: 'open',
          actorUsername: 'system',
          actorRole: 'system',
          at: '2026-11-20T16:00:01.000Z',
          responseKind: null,
          verdict: null,
          text: null,
        },
        {
          id: 2,
          alertKey: 'C-1|TIME_OVERDUE|',
          action: 'acknowledge',
          fromStatus: 'open',
          toStatus: 'acknowledged',
          actorUsername: 'officer-scjgj',
          actorRole: 'department_officer',
          at: '2026-11-21T02:00:00.000Z',
          responseKind: null,
          verdict: null,
          text: '已签收',
        },
      ],
    };
    const steps = {
      events: [
        { eventId: 'e1', after: noDeadlines },
        {
          eventId: 'e2',
          after: {
            ...noDeadlines,
            clock: {
              promisedDeadline: '2026-11-20T16:00:00.000Z',
              redDeadline: '2026-12-03T16:00:00.000Z',
              stoppedAt: null,
            },
          },
        },
      ],
    };
    const sut = timelineOf(view, Date.parse('2026-11-25T00:00:00Z'), steps);
    expect(sut.map((e) => [e.kind, e.label])).toEqual([
      ['event', '提交申请'],
      ['event', '受理'],
      ['deadline', '承诺时限'],
      ['signal', '黄牌 · 超承诺时限'],
      ['action', '签收（officer-scjgj） · 超承诺时限'],
      ['deadline', '督办期限 · 超承诺时限'],
      ['deadline', '法定时限'],
    ]);
    expect(sut[1]?.deadlines).toBe('承诺时限 2026-11-21 00:00 · 红牌时限 2026-12-04 00:00');
    expect(sut[2]?.future).toBe(false);
    expect(sut[6]?.future).toBe(true);
  });
});

describe(stepNamesOf.name, () => {
  const item = {
    name: '对经营不符合食品安全标准的食品的行政处罚',
    steps: [
      { code: 'investigate', name: '调查取证' },
      { code: 'legal_review', name: '法制审核' },
    ],
  };

  it("names a step as the case's item lists it, and keeps a code it does not list", () => {
    const name = stepNamesOf(item);
    expect(name('investigate')).toBe('调查取证');
    expect(name('hearing')).toBe('hearing');
    expect(stepNamesOf(null)('investigate')).toBe('investigate');
  });

  it('names the step in a deadline a step set', () => {
    const review = {
      ...noDeadlines,
      runningSteps: [{ stepCode: 'investigate', dueAt: '2026-11-16T16:00:00.000Z' }],
    };
    expect(deadlineChanges(noDeadlines, review, stepNamesOf(item))).toEqual([
      '环节 调查取证 时限 2026-11-17 00:00',
    ]);
  });
});
