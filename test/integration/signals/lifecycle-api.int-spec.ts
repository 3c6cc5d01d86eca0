// The supervision lifecycle over REST against the real console, PostgreSQL and Kafka: every allowed
// and every refused transition by role, the audit trail, the outbox, escalation, deadlines, overdue.
import type { Level } from '@app/contracts';
import { WorkingCalendar } from '@app/calendar';
import { loadCatalogDirectory } from '@app/catalog';
import { responseDeadline } from '@app/rules';
import { aSignal, ConsoleTestBed, eventually } from '../../support/console-harness';

type Status = 'open' | 'acknowledged' | 'responded' | 'closed' | 'retracted';

interface SignalBody {
  alertKey: string;
  status: Status;
  level: Level;
  responseDueAt: string | null;
  overdue: boolean;
  escalatedTo: string | null;
  superseded: boolean;
  verdict: string | null;
  responseKind: string | null;
  responseText: string | null;
  createdAt: string;
}

interface TransitionBody {
  action: string;
  fromStatus: Status | null;
  toStatus: Status;
  actorUsername: string;
  actorRole: string;
  address: string | null;
  at: string;
  text: string | null;
  verdict: string | null;
}

const users = {
  supervisor: 'jiancha',
  'officer of the department': 'officer-scjgj',
  'officer of another department': 'officer-zjj',
  auditor: 'shenji',
  administrator: 'admin',
} as const;
type UserName = keyof typeof users;

const commands = {
  acknowledge: { path: 'acknowledge', body: { text: '已签收' } },
  'respond with an explanation': {
    path: 'respond',
    body: { responseKind: 'explanation', text: '窗口系统故障' },
  },
  return: { path: 'return', body: { text: '说明不充分，请补充' } },
  'close as justified': { path: 'close', body: { verdict: 'justified' } },
  'close as violation confirmed': {
    path: 'close',
    body: { verdict: 'violation_confirmed', text: '确认违规' },
  },
  urge: { path: 'urge', body: { text: '请尽快签收并答复' } },
} as const;
type CommandName = keyof typeof commands;

/** Every transition the API allows, and nothing else: [from, command, user, to]. */
const ALLOWED: [Status, CommandName, UserName, Status][] = [
  ['open', 'acknowledge', 'officer of the department', 'acknowledged'],
  ['acknowledged', 'respond with an explanation', 'officer of the department', 'responded'],
  ['responded', 'return', 'supervisor', 'acknowledged'],
  ['responded', 'close as justified', 'supervisor', 'closed'],
  ['open', 'close as violation confirmed', 'supervisor', 'closed'],
  ['acknowledged', 'close as violation confirmed', 'supervisor', 'closed'],
  ['responded', 'close as violation confirmed', 'supervisor', 'closed'],
  ['open', 'urge', 'supervisor', 'open'],
  ['acknowledged', 'urge', 'supervisor', 'acknowledged'],
];

/** Who may ask at all: anyone else gets 403 whatever the state. */
const MAY_ASK: Record<CommandName, UserName[]> = {
  acknowledge: ['officer of the department'],
  'respond with an explanation': ['officer of the department'],
  return: ['supervisor'],
  'close as justified': ['supervisor'],
  'close as violation confirmed': ['supervisor'],
  urge: ['supervisor'],
};

const STATUSES: Status[] = ['open', 'acknowledged', 'responded', 'closed', 'retracted'];

const encode = (alertKey: string) => encodeURIComponent(alertKey);

describe('the signal lifecycle over REST', () => {
  const bed = new ConsoleTestBed({ LOGIN_THROTTLE_PER_ADDRESS: '1000' });

  beforeAll(async () => {
    await bed.setUp();
  });

  afterAll(async () => {
    await bed.tearDown();
  });

  const act = (alertKey: string, command: CommandName, user: UserName) =>
    bed.call<SignalBody & { message: string | string[] }>(
      'POST',
      `/api/signals/${encode(alertKey)}/${commands[command].path}`,
      {
        as: users[user],
        body: commands[command].body,
      },
    );

  const find = async (alertKey: string) =>
    (await bed.call<SignalBody>('GET', `/api/signals/${encode(alertKey)}`, { as: users.supervisor })).body;

  const transitions = async (alertKey: string) =>
    (
      await bed.call<TransitionBody[]>('GET', `/api/signals/${encode(alertKey)}/transitions`, {
        as: users.supervisor,
      })
    ).body;

  /** A new red signal of the market department, brought to `status` through the API. */
  async function aSignalThatIs(status: Status): Promise<string> {
    const signal = aSignal({ departmentId: 'scjgj' });
    await bed.raise([signal]);
    const steps: Partial<Record<Status, [CommandName, UserName][]>> = {
      acknowledged: [['acknowledge', 'officer of the department']],
      responded: [
        ['acknowledge', 'officer of the department'],
        ['respond with an explanation', 'officer of the department'],
      ],
      closed: [['close as violation confirmed', 'supervisor']],
    };
    for (const [command, user] of steps[status] ?? [])
      expect((await act(signal.alertKey, command, user)).status).toBe(200);
    if (status === 'retracted')
      await bed.retract(signal.alertKey, 'late data: completed before the deadline');
    await registered(signal.alertKey);
    return signal.alertKey;
  }

  /** Waits until the console has registered whatever the pipeline last did to the signal. */
  async function registered(alertKey: string): Promise<void> {
    await eventually(`${alertKey} registered`, async () => {
      const [row] = await bed.query<{ done: boolean }>(
        `SELECT recorded_status IS NOT DISTINCT FROM status AS done FROM signals WHERE alert_key = $1`,
        [alertKey],
      );
      return row?.done ? true : undefined;
    });
  }

  describe('every allowed transition', () => {
    it.each(ALLOWED)('%s --%s by the %s--> %s', async (from, command, user, to) => {
      const alertKey = await aSignalThatIs(from);
      const answer = await act(alertKey, command, user);
      expect(answer.status).toBe(200);
      expect(answer.body.status).toBe(to);
      const last = (await transitions(alertKey)).at(-1);
      expect(last).toMatchObject({ fromStatus: from, toStatus: to, actorUsername: users[user] });
      expect(last?.address).toMatch(/127\.0\.0\.1/);
      const [outbox] = await bed.query<{ kind: string; body: { lifecycle: { status: Status } } }>(
        `SELECT kind, body FROM signal_outbox WHERE alert_key = $1 ORDER BY sequence DESC LIMIT 1`,
        [alertKey],
      );
      expect(outbox?.body.lifecycle.status).toBe(to);
    });
  });

  describe('every refused transition', () => {
    const refused = STATUSES.flatMap((status) =>
      (Object.keys(commands) as CommandName[]).flatMap((command) =>
        (Object.keys(users) as UserName[])
          .filter((user) => !ALLOWED.some(([s, c, u]) => s === status && c === command && u === user))
          .map((user) => ({
            status,
            command,
            user,
            // another department's signal answers exactly like a missing one
            expected:
              user === 'officer of another department' ? 404 : MAY_ASK[command].includes(user) ? 409 : 403,
          })),
      ),
    );

    it('covers every combination of status, command and role', () => {
      expect(refused.length + ALLOWED.length).toBe(STATUSES.length * 6 * 5);
    });

    it.each(refused)(
      '$status: $command by the $user is refused with $expected',
      async ({ status, command, user, expected }) => {
        const alertKey = await aSignalThatIs(status);
        const before = await find(alertKey);
        const answer = await act(alertKey, command, user);
        expect(answer.status).toBe(expected);
        expect(String(answer.body.message)).not.toBe('');
        expect(await find(alertKey)).toEqual(before);
      },
    );
  });

  it('says why, in the answer: the role, the state; another department’s signal is not there', async () => {
    const alertKey = await aSignalThatIs('closed');
    expect((await act(alertKey, 'acknowledge', 'supervisor')).body.message).toBe(
      'only a department officer may 签收 (acknowledge); you are supervisor',
    );
    expect((await act(alertKey, 'acknowledge', 'officer of another department')).body.message).toBe(
      `no signal ${alertKey}`,
    );
    expect((await act(alertKey, 'acknowledge', 'officer of the department')).body.message).toBe(
      'cannot 签收 (acknowledge) a signal that is closed; allowed from open',
    );
  });

  it('refuses an answer without text and a verdict that is not one (400)', async () => {
    const alertKey = await aSignalThatIs('acknowledged');
    const blank = await bed.call('POST', `/api/signals/${encode(alertKey)}/respond`, {
      as: users['officer of the department'],
      body: { responseKind: 'explanation', text: '   ' },
    });
    expect(blank.status).toBe(400);
    const verdict = await bed.call('POST', `/api/signals/${encode(alertKey)}/close`, {
      as: users.supervisor,
      body: { verdict: 'forgiven' },
    });
    expect(verdict.status).toBe(400);
    expect((await find(alertKey)).status).toBe('acknowledged');
  });

  describe('催办 (urge)', () => {
    const urge = (alertKey: string, text: string, as: string = users.supervisor) =>
      bed.call<SignalBody & { message: string | string[] }>('POST', `/api/signals/${encode(alertKey)}/urge`, {
        as,
        body: { text },
      });

    it('is recorded in the trail and published as an urged change with the count, the status unchanged', async () => {
      const alertKey = await aSignalThatIs('acknowledged');
      expect((await urge(alertKey, '请于今日内答复')).status).toBe(200);
      const second = await urge(alertKey, '第二次催办：逾期将确认违规');
      expect(second.status).toBe(200);
      expect(second.body.status).toBe('acknowledged');
      const urges = (await transitions(alertKey)).filter((t) => t.action === 'urge');
      expect(urges.map((t) => [t.fromStatus, t.toStatus, t.actorUsername, t.actorRole, t.text])).toEqual([
        ['acknowledged', 'acknowledged', 'jiancha', 'supervisor', '请于今日内答复'],
        ['acknowledged', 'acknowledged', 'jiancha', 'supervisor', '第二次催办：逾期将确认违规'],
      ]);
      const outbox = await bed.query<{
        kind: string;
        department_id: string;
        body: { urgeCount: number; reason: string; lifecycle: { status: Status } };
      }>(
        `SELECT kind, department_id, body FROM signal_outbox WHERE alert_key = $1 AND kind = 'urged' ORDER BY sequence`,
        [alertKey],
      );
      expect(
        outbox.map((o) => [o.department_id, o.body.urgeCount, o.body.reason, o.body.lifecycle.status]),
      ).toEqual([
        ['scjgj', 1, '请于今日内答复', 'acknowledged'],
        ['scjgj', 2, '第二次催办：逾期将确认违规', 'acknowledged'],
      ]);
      const wall = await bed.call<{ signals: { alertKey: string; urgeCount?: number }[] }>(
        'GET',
        '/api/wall/signals?departmentId=scjgj&limit=500',
        { as: users.supervisor },
      );
      expect(wall.body.signals.find((s) => s.alertKey === alertKey)?.urgeCount).toBe(2);
    });

    it('reaches the department’s notifications', async () => {
      const alertKey = await aSignalThatIs('open');
      expect((await urge(alertKey, '请尽快签收')).status).toBe(200);
      await eventually('the urge among the department’s notification items', async () => {
        const [row] = await bed.query<{ department_id: string }>(
          `SELECT department_id FROM notification_items WHERE alert_key = $1 AND kind = 'urged'`,
          [alertKey],
        );
        return row?.department_id === 'scjgj' ? true : undefined;
      });
    });

    it('is refused without a text (400 naming the field), and to an officer (403, recorded)', async () => {
      const alertKey = await aSignalThatIs('open');
      const blank = await urge(alertKey, '   ');
      expect(blank.status).toBe(400);
      expect(String(blank.body.message)).toMatch(/^text: /);
      const officer = await urge(alertKey, '我来催办', users['officer of the department']);
      expect(officer.status).toBe(403);
      expect(officer.body.message).toBe('only a supervisor may 催办 (urge); you are department_officer');
      const [refusal] = await bed.query<{ username: string; status: number }>(
        `SELECT username, status FROM access_refusals WHERE target LIKE $1 ORDER BY id DESC LIMIT 1`,
        [`%${encode(alertKey)}/urge%`],
      );
      expect(refusal).toEqual({ username: 'officer-scjgj', status: 403 });
      expect((await transitions(alertKey)).filter((t) => t.action === 'urge')).toEqual([]);
    });
  });

  describe('确认违规并销号 (close with verdict violation_confirmed)', () => {
    it.each([
      ['without a note', { verdict: 'violation_confirmed' }],
      ['with a blank note', { verdict: 'violation_confirmed', text: ' \n ' }],
    ])('is refused %s: 400 naming the field, nothing changed', async (_name, body) => {
      const alertKey = await aSignalThatIs('open');
      const answer = await bed.call<{ message: string[] | string }>(
        'POST',
        `/api/signals/${encode(alertKey)}/close`,
        { as: users.supervisor, body },
      );
      expect(answer.status).toBe(400);
      expect(String(answer.body.message)).toMatch(/^text: .*violation_confirmed/);
      expect((await find(alertKey)).status).toBe('open');
      expect((await transitions(alertKey)).map((t) => t.action)).toEqual(['raise']);
    });

    it('keeps the note in the trail', async () => {
      const alertKey = await aSignalThatIs('open');
      const answer = await bed.call<SignalBody>('POST', `/api/signals/${encode(alertKey)}/close`, {
        as: users.supervisor,
        body: { verdict: 'violation_confirmed', text: '  逾期未作说明，确认违规  ' },
      });
      expect(answer.status).toBe(200);
      expect((await transitions(alertKey)).at(-1)).toMatchObject({
        action: 'close',
        verdict: 'violation_confirmed',
        text: '逾期未作说明，确认违规',
      });
    });
  });

  it('keeps the whole story in the audit trail: who, role, when, from where, from → to, text', async () => {
    const alertKey = await aSignalThatIs('responded');
    expect((await act(alertKey, 'return', 'supervisor')).status).toBe(200);
    expect(
      (
        await bed.call('POST', `/api/signals/${encode(alertKey)}/respond`, {
          as: users['officer of the department'],
          body: { responseKind: 'correction', text: '已退还多收费用 500 元' },
        })
      ).status,
    ).toBe(200);
    expect((await act(alertKey, 'close as justified', 'supervisor')).status).toBe(200);
    const trail = await transitions(alertKey);
    expect(trail.map((t) => [t.action, t.fromStatus, t.toStatus, t.actorUsername, t.actorRole])).toEqual([
      ['raise', null, 'open', 'system', 'system'],
      ['acknowledge', 'open', 'acknowledged', 'officer-scjgj', 'department_officer'],
      ['respond', 'acknowledged', 'responded', 'officer-scjgj', 'department_officer'],
      ['return', 'responded', 'acknowledged', 'jiancha', 'supervisor'],
      ['respond', 'acknowledged', 'responded', 'officer-scjgj', 'department_officer'],
      ['close', 'responded', 'closed', 'jiancha', 'supervisor'],
    ]);
    expect(trail[3]?.text).toBe('说明不充分，请补充');
    expect(trail[4]?.text).toBe('已退还多收费用 500 元');
    expect(trail[5]?.verdict).toBe('justified');
    const kinds = await bed.query<{ kind: string }>(
      `SELECT kind FROM signal_outbox WHERE alert_key = $1 ORDER BY sequence`,
      [alertKey],
    );
    expect(kinds.map((k) => k.kind)).toEqual([
      'raised',
      'acknowledged',
      'responded',
      'returned',
      'responded',
      'closed',
    ]);
  });

  it('records a system retraction made by the pipeline in the trail', async () => {
    const alertKey = await aSignalThatIs('acknowledged');
    await bed.retract(alertKey, 'late data: the case was suspended before the deadline');
    const trail = await eventually('the retraction in the trail', async () => {
      const found = await transitions(alertKey);
      return found.some((t) => t.action === 'retract') ? found : undefined;
    });
    expect(trail.at(-1)).toMatchObject({
      action: 'retract',
      fromStatus: 'acknowledged',
      toStatus: 'retracted',
      actorRole: 'system',
      text: 'late data: the case was suspended before the deadline',
    });
  });

  it('gives each level its response deadline in working days from registration', async () => {
    const catalog = await loadCatalogDirectory(bed.config.CATALOG_DIR);
    const calendar = new WorkingCalendar(catalog.calendar);
    const days = { red: 3, yellow: 5, warning: 0 };
    for (const level of ['red', 'yellow', 'warning'] as const) {
      const signal = aSignal({ level, ruleId: `IT_${level.toUpperCase()}` });
      await bed.raise([signal]);
      const registered = await eventually(`the ${level} signal registered`, async () => {
        const [row] = await bed.query<{ recorded_status: string | null }>(
          `SELECT recorded_status FROM signals WHERE alert_key = $1`,
          [signal.alertKey],
        );
        return row?.recorded_status ? find(signal.alertKey) : undefined;
      });
      const expected = responseDeadline(Date.parse(registered.createdAt), level, days, calendar);
      expect(registered.responseDueAt).toBe(expected === null ? null : new Date(expected).toISOString());
    }
  });

  it('flags a signal whose department missed its deadline, once, in the trail and the outbox', async () => {
    const alertKey = await aSignalThatIs('acknowledged');
    await bed.query(`UPDATE signals SET response_due_at = now() - interval '1 minute' WHERE alert_key = $1`, [
      alertKey,
    ]);
    const flagged = await eventually('the overdue flag', async () => {
      const found = await find(alertKey);
      return found.overdue ? found : undefined;
    });
    expect(flagged.status).toBe('acknowledged');
    await new Promise((resolve) => setTimeout(resolve, 700)); // two more sweeps: still one flag
    expect((await transitions(alertKey)).filter((t) => t.action === 'flag-overdue')).toHaveLength(1);
    const kinds = await bed.query<{ kind: string }>(`SELECT kind FROM signal_outbox WHERE alert_key = $1`, [
      alertKey,
    ]);
    expect(kinds.filter((k) => k.kind === 'overdue')).toHaveLength(1);
    const summary = await bed.call<{ overdue: number }>('GET', '/api/summary', { as: users.supervisor });
    expect(summary.body.overdue).toBeGreaterThanOrEqual(1);
  });

  describe('escalation: a yellow that turns red', () => {
    async function escalatedCase() {
      const caseId = `IT-ESC-${Math.random().toString(36).slice(2, 10)}`;
      const common = { caseId, departmentId: 'scjgj', triggeredBy: 'timer', stage: 'during' as const };
      const yellow = {
        ...aSignal({ ...common, ruleId: 'TIME_OVERDUE', level: 'yellow' }),
        alertKey: `${caseId}|TIME_OVERDUE|`,
      };
      const red = {
        ...aSignal({ ...common, ruleId: 'TIME_OVERDUE_RED', level: 'red' }),
        alertKey: `${caseId}|TIME_OVERDUE_RED|`,
      };
      await bed.raise([yellow]);
      expect((await act(yellow.alertKey, 'acknowledge', 'officer of the department')).status).toBe(200);
      await bed.raise([red]);
      await eventually('the yellow linked to its red', async () =>
        (await find(yellow.alertKey)).escalatedTo === red.alertKey ? true : undefined,
      );
      return { yellow: yellow.alertKey, red: red.alertKey, caseId };
    }

    it('links the yellow to its red, hides it from the wall and refuses acting on it', async () => {
      const { yellow, red, caseId } = await escalatedCase();
      const wall = await bed.call<SignalBody[]>('GET', `/api/signals?caseId=${caseId}`, {
        as: users.supervisor,
      });
      expect(wall.body.map((s) => s.alertKey)).toEqual([red]);
      const all = await bed.call<SignalBody[]>(
        'GET',
        `/api/signals?caseId=${caseId}&includeSuperseded=true`,
        {
          as: users.supervisor,
        },
      );
      expect(all.body.map((s) => s.alertKey).sort()).toEqual([red, yellow].sort());
      const refused = await act(yellow, 'respond with an explanation', 'officer of the department');
      expect(refused.status).toBe(409);
      expect(refused.body.message).toContain(red);
      const [escalated] = await bed.query<{ body: { lifecycle: { escalatedTo: string } } }>(
        `SELECT body FROM signal_outbox WHERE alert_key = $1 AND kind = 'escalated'`,
        [yellow],
      );
      expect(escalated?.body.lifecycle.escalatedTo).toBe(red);
    });

    it('closes the yellow together with its red, with the same verdict', async () => {
      const { yellow, red } = await escalatedCase();
      expect((await act(red, 'acknowledge', 'officer of the department')).status).toBe(200);
      expect((await act(red, 'respond with an explanation', 'officer of the department')).status).toBe(200);
      expect((await act(red, 'close as justified', 'supervisor')).status).toBe(200);
      expect(await find(yellow)).toMatchObject({ status: 'closed', verdict: 'justified' });
      expect((await transitions(yellow)).at(-1)).toMatchObject({
        action: 'close-with-escalation',
        fromStatus: 'acknowledged',
        toStatus: 'closed',
        actorUsername: 'jiancha',
      });
    });

    it('reinstates the yellow when its red is retracted', async () => {
      const { yellow, red } = await escalatedCase();
      await bed.retract(red, 'late data: completed before the legal deadline');
      const reinstated = await eventually('the yellow reinstated', async () => {
        const found = await find(yellow);
        return found.escalatedTo === null ? found : undefined;
      });
      expect(reinstated.status).toBe('acknowledged');
      expect((await act(yellow, 'respond with an explanation', 'officer of the department')).status).toBe(
        200,
      );
    });
  });
});
