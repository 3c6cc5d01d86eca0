import fc from 'fast-check';
import { DeadlineQueue } from './deadline-queue';

/** A deterministic pseudo-random sequence (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function drain(sut: DeadlineQueue): [number, number][] {
  const out: [number, number][] = [];
  for (let due = sut.peekDue(); due !== Infinity; due = sut.peekDue()) out.push([due, sut.pop()]);
  return out;
}

describe(DeadlineQueue.name, () => {
  it('yields 1,000,000 deadlines inserted in random order sorted by due instant, ties by handle', () => {
    const count = 1_000_000;
    const next = random(42);
    const sut = new DeadlineQueue();
    const base = Date.parse('2026-01-01T00:00:00Z');
    for (let handle = 0; handle < count; handle += 1) {
      // a year of minutes: many equal instants
      sut.schedule(handle, base + Math.floor(next() * 525_600) * 60_000);
    }
    expect(sut.pending).toBe(count);

    let previousDue = -Infinity;
    let previousHandle = -1;
    let popped = 0;
    let ordered = true;
    for (let due = sut.peekDue(); due !== Infinity; due = sut.peekDue()) {
      const handle = sut.pop();
      if (due < previousDue || (due === previousDue && handle <= previousHandle)) ordered = false;
      previousDue = due;
      previousHandle = handle;
      popped += 1;
    }

    expect(ordered).toBe(true);
    expect(popped).toBe(count);
    expect(sut.pending).toBe(0);
  });

  it('keeps one live deadline per handle: rescheduling replaces, cancelling drops', () => {
    const sut = new DeadlineQueue(16, 16);
    sut.schedule(1, 300);
    sut.schedule(2, 100);
    sut.schedule(3, 200);
    sut.schedule(2, 400);
    sut.cancel(3);
    sut.schedule(40, 50);

    expect(sut.pending).toBe(3);
    expect(sut.dueOf(2)).toBe(400);
    expect(sut.dueOf(3)).toBeUndefined();
    expect(drain(sut)).toEqual([
      [50, 40],
      [300, 1],
      [400, 2],
    ]);
  });

  it('pops only what is due at or before a watermark', () => {
    const sut = new DeadlineQueue();
    sut.schedule(7, 1000);
    sut.schedule(8, 1001);

    expect(sut.popDue(999)).toBe(-1);
    expect(sut.popDue(1000)).toBe(7);
    expect(sut.popDue(1000)).toBe(-1);
    expect(sut.popDue(5000)).toBe(8);
    expect(sut.pop()).toBe(-1);
  });

  it('compacts stale entries from many reschedules without losing order', () => {
    const sut = new DeadlineQueue();
    for (let round = 0; round < 50; round += 1) {
      for (let handle = 0; handle < 1000; handle += 1) sut.schedule(handle, (handle * 7919 + round) % 10_007);
    }

    expect(sut.entries).toBeLessThanOrEqual(2 * sut.pending + 1024 + 1);
    expect(
      drain(sut)
        .map(([, handle]) => handle)
        .sort((a, b) => a - b),
    ).toEqual([...Array(1000).keys()]);
  });

  it('behaves like a sorted map of handle → due instant (property)', () => {
    const operation = fc.oneof(
      fc.record({
        kind: fc.constant('schedule' as const),
        handle: fc.nat(50),
        due: fc.integer({ min: 0, max: 100 }),
      }),
      fc.record({ kind: fc.constant('cancel' as const), handle: fc.nat(50) }),
      fc.record({ kind: fc.constant('pop' as const) }),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 300 }), (operations) => {
        const sut = new DeadlineQueue(16, 16);
        const model = new Map<number, number>();
        for (const op of operations) {
          if (op.kind === 'schedule') {
            sut.schedule(op.handle, op.due);
            model.set(op.handle, op.due);
          } else if (op.kind === 'cancel') {
            sut.cancel(op.handle);
            model.delete(op.handle);
          } else {
            const expected = [...model].sort(([ha, da], [hb, db]) => da - db || ha - hb)[0];
            expect(sut.pop()).toBe(expected ? expected[0] : -1);
            if (expected) model.delete(expected[0]);
          }
          expect(sut.pending).toBe(model.size);
        }
      }),
    );
  });

  it('rejects a negative handle and a NaN instant', () => {
    const sut = new DeadlineQueue();

    expect(() => sut.schedule(-1, 5)).toThrow(RangeError);
    expect(() => sut.schedule(1, Number.NaN)).toThrow(RangeError);
  });
});
