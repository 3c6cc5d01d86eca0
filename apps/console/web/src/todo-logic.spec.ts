import { byDeadline, dateTimeText, runBatch, sizeText, timeLeft } from './todo-logic';
import { todoTexts } from './todo-texts';

const signal = (alertKey: string, responseDueAt: string | null, raisedAt = '2026-11-02T01:00:00Z') => ({
  alertKey,
  responseDueAt,
  raisedAt,
});

describe('部门待办: the to-do list', () => {
  it('puts the nearest deadline first, those without one last, then the oldest raised', () => {
    const ordered = byDeadline([
      signal('none', null),
      signal('late', '2026-11-05T09:00:00Z'),
      signal('soon-newer', '2026-11-03T09:00:00Z', '2026-11-02T05:00:00Z'),
      signal('soon-older', '2026-11-03T09:00:00Z', '2026-11-01T05:00:00Z'),
    ]);
    expect(ordered.map((s) => s.alertKey)).toEqual(['soon-older', 'soon-newer', 'late', 'none']);
  });

  it('writes instants as YYYY-MM-DD HH:mm in Beijing time', () => {
    expect(dateTimeText('2026-12-31T17:30:00.000Z')).toBe('2027-01-01 01:30');
    expect(dateTimeText(null)).toBe('—');
  });

  it('says the time left, or how long overdue, in the two largest units', () => {
    const texts = todoTexts();
    const now = Date.parse('2026-11-02T00:00:00Z');
    expect(timeLeft('2026-11-04T03:00:00Z', now, texts)).toEqual({
      text: '剩余 2 天 3 小时',
      urgency: 'later',
    });
    expect(timeLeft('2026-11-02T05:20:00Z', now, texts)).toEqual({
      text: '剩余 5 小时 20 分钟',
      urgency: 'soon',
    });
    expect(timeLeft('2026-11-02T00:00:30Z', now, texts)).toEqual({
      text: '剩余 不足 1 分钟',
      urgency: 'soon',
    });
    expect(timeLeft('2026-11-01T00:00:00Z', now, texts)).toEqual({ text: '已超期 1 天', urgency: 'overdue' });
    expect(timeLeft(null, now, texts)).toEqual({ text: '无期限', urgency: 'none' });
  });

  it('runs a batch one step at a time, reporting progress, and goes on past a failure', async () => {
    const progress: string[] = [];
    const order: number[] = [];
    const result = await runBatch(
      [1, 2, 3],
      async (n) => {
        order.push(n);
        await Promise.resolve();
        if (n === 2) throw new Error('cannot acknowledge a signal that is closed');
      },
      (finished, total) => progress.push(`${finished}/${total}`),
    );
    expect(order).toEqual([1, 2, 3]);
    expect(progress).toEqual(['0/3', '1/3', '2/3', '3/3']);
    expect(result).toEqual({
      done: [1, 3],
      failed: [{ item: 2, error: 'cannot acknowledge a signal that is closed' }],
    });
  });

  it('says sizes briefly', () => {
    expect(sizeText(2_621_440)).toBe('2.5 MB');
    expect(sizeText(900)).toBe('900 B');
  });
});
