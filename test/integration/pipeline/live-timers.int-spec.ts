import { randomUUID } from 'node:crypto';
import { OFFICIAL_CALENDAR_2025_2026, WorkingCalendar } from '@app/calendar';
import { PipelineBed, buildApps, eventually } from '../../support/pipeline-harness';

const calendar = new WorkingCalendar(OFFICIAL_CALENDAR_2025_2026);
const local = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().replace('Z', '+08:00');

// Deadlines are data: a timer survives the death of the instance that scheduled it, fires at the
// watermark (wall clock - grace) on the instance that owns the partition next, and is retracted
// when late data proves it wrong.
describe('live timers', () => {
  const bed = new PipelineBed(3);
  const { database, topic } = bed;

  beforeAll(async () => {
    buildApps();
    await bed.setUp();
  });

  afterAll(async () => {
    await bed.tearDown();
  });

  it('fires a persisted deadline after a kill -9 and a restart, then retracts it when late data disproves it', async () => {
    // The promised deadline P falls at the end of the last working day before today. The grace is
    // chosen so that the live watermark reaches P about 30 seconds from now.
    let lastDay = calendar.dateOf(Date.now()) - 1;
    while (!calendar.isWorkingDay(lastDay)) lastDay -= 1;
    const promisedDeadline = calendar.endOf(lastDay);
    const fireAt = Date.now() + 30_000;
    const grace = String(fireAt - promisedDeadline);
    // XK-SCJG-001 (食品经营许可): promised 10 working days
    const acceptedDay = calendar.subDays(lastDay, 10);
    const acceptedAt = calendar.startOf(acceptedDay) + 10 * 3_600_000;
    const caseId = `T-${randomUUID().slice(0, 8)}`;
    const envelope = { schemaVersion: 1, caseId, itemCode: 'XK-SCJG-001', departmentId: 'scjgj' };
    const send = (type: string, at: number, payload: object) =>
      topic.produce([
        {
          key: caseId,
          value: JSON.stringify({
            ...envelope,
            eventId: `${caseId}-${type}`,
            type,
            occurredAt: local(at),
            payload,
          }),
        },
      ]);
    const overdueKey = `${caseId}|TIME_OVERDUE|`;
    const signal = async (alertKey: string) =>
      (
        await database.query<{
          status: string;
          raised_at: Date;
          triggered_by: string;
          retracted_reason: string | null;
        }>('SELECT status, raised_at, triggered_by, retracted_reason FROM signals WHERE alert_key = $1', [
          alertKey,
        ])
      )[0];

    const first = bed.pipeline({ TIMER_GRACE_MS: grace, KAFKA_SESSION_TIMEOUT_MS: '6000' });
    await first.start();
    await send('case.accepted', acceptedAt, {});
    const stored = await eventually('the case and its next deadline to be stored', async () => {
      const [row] = await database.query<{ next_due_at: Date | null }>(
        'SELECT next_due_at FROM cases WHERE case_id = $1',
        [caseId],
      );
      return row?.next_due_at ? row : undefined;
    });
    expect(stored.next_due_at?.getTime()).toBe(promisedDeadline);
    expect(Date.now()).toBeLessThan(fireAt);
    expect(await signal(overdueKey)).toBeUndefined();
    await first.kill9();

    const second = bed.pipeline({ TIMER_GRACE_MS: grace, KAFKA_SESSION_TIMEOUT_MS: '6000' }, first.groupId);
    await second.start();
    const fired = await eventually('the reloaded deadline to fire', () => signal(overdueKey), 90_000);
    expect(fired).toMatchObject({ status: 'open', triggered_by: 'timer' });
    expect(fired.raised_at.getTime()).toBe(promisedDeadline);
    expect(Date.now()).toBeGreaterThanOrEqual(fireAt);

    // the business system reports, late, that the case was completed before the deadline
    await send('case.completed', promisedDeadline - 3 * 3_600_000, { result: 'approved' });
    const retracted = await eventually('the disproved signal to be retracted', async () => {
      const current = await signal(overdueKey);
      return current?.status === 'retracted' ? current : undefined;
    });
    expect(retracted.retracted_reason).toMatch(/late data/);
    const outbox = await database.query<{ kind: string }>(
      'SELECT kind FROM signal_outbox WHERE alert_key = $1 ORDER BY sequence',
      [overdueKey],
    );
    expect(outbox.map((o) => o.kind)).toEqual(['raised', 'retracted']);
  });
});
