import { TimerWheel } from './timer-wheel';

describe(TimerWheel.name, () => {
  it('yields the cases due at the watermark in due order, only for owned partitions', () => {
    const sut = new TimerWheel();
    sut.reset(
      [0, 1],
      [
        { caseId: 'late', partition: 0, dueAt: 300 },
        { caseId: 'early', partition: 1, dueAt: 100 },
        { caseId: 'not-mine', partition: 2, dueAt: 50 },
      ],
    );
    sut.schedule('middle', 0, 200);
    expect(sut.popDue(250, 10)).toEqual(['early', 'middle']);
    expect(sut.popDue(1000, 10)).toEqual(['late']);
    expect(sut.pending).toBe(0);
  });

  it('reschedules and drops a case', () => {
    const sut = new TimerWheel();
    sut.reset([0], [{ caseId: 'a', partition: 0, dueAt: 100 }]);
    sut.schedule('a', 0, 500);
    expect(sut.popDue(200, 10)).toEqual([]);
    sut.schedule('a', 0, null);
    expect(sut.popDue(1000, 10)).toEqual([]);
  });

  it('limits how many cases one sweep takes', () => {
    const sut = new TimerWheel();
    sut.reset(
      [0],
      [1, 2, 3].map((n) => ({ caseId: `c${n}`, partition: 0, dueAt: n })),
    );
    expect(sut.popDue(10, 2)).toEqual(['c1', 'c2']);
    expect(sut.popDue(10, 2)).toEqual(['c3']);
  });

  it('restores cases whose sweep failed, without overriding a newer schedule', () => {
    const sut = new TimerWheel();
    sut.reset(
      [0],
      [
        { caseId: 'a', partition: 0, dueAt: 100 },
        { caseId: 'b', partition: 0, dueAt: 100 },
      ],
    );
    const popped = sut.popDue(100, 10);
    sut.schedule('b', 0, 900);
    sut.restore(popped, 150);
    expect(sut.popDue(200, 10)).toEqual(['a']);
    expect(sut.popDue(900, 10)).toEqual(['b']);
  });

  it('groups the due cases by partition, in due order within each, up to the limit', () => {
    const sut = new TimerWheel();
    sut.reset(
      [0, 1],
      [
        { caseId: 'p0-b', partition: 0, dueAt: 30 },
        { caseId: 'p1-a', partition: 1, dueAt: 20 },
        { caseId: 'p0-a', partition: 0, dueAt: 10 },
        { caseId: 'p1-late', partition: 1, dueAt: 900 },
      ],
    );

    expect([...sut.popDueByPartition(100, 2)]).toEqual([
      [0, ['p0-a']],
      [1, ['p1-a']],
    ]);
    expect([...sut.popDueByPartition(100, 10)]).toEqual([[0, ['p0-b']]]);
  });
});
