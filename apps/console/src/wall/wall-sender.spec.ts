import { wallChange as change } from './testing/wall-change';
import { WallSender } from './wall-sender';

/** A hand-driven clock: `later` queues work at an instant; `advance` runs what falls due, in order. */
class Rig {
  clock = 1000;
  private timers: { at: number; order: number; run: () => void }[] = [];
  private order = 0;
  /** What each socket received: its frames, each as the sequences it carried. */
  readonly received = new Map<string, number[][]>();
  /** Sockets written per turn of the (fake) event loop. */
  readonly turns: number[] = [];
  private current = 0;
  readonly rooms = new Map<string, Set<string>>();

  readonly sender: WallSender;

  /** `turnMs`: how long a turn of socket writes takes (the next one comes that much later). */
  constructor(socketsPerTurn = 100, turnMs = 0) {
    this.sender = new WallSender(
      {
        members: (room) => this.rooms.get(room),
        send: (ids, changes) => {
          this.current += ids.length;
          for (const id of ids) {
            const frames = this.received.get(id) ?? [];
            frames.push(changes.map((c) => c.sequence));
            this.received.set(id, frames);
          }
        },
      },
      {
        minIntervalMs: 50,
        socketsPerTurn,
        now: () => this.clock,
        later: (run, delayMs) =>
          this.timers.push({ at: this.clock + (delayMs <= 0 ? turnMs : delayMs), order: this.order++, run }),
      },
    );
  }

  join(room: string, ...ids: string[]): this {
    const members = this.rooms.get(room) ?? new Set<string>();
    for (const id of ids) members.add(id);
    this.rooms.set(room, members);
    return this;
  }

  /** Moves the clock to `to`, running every timer due by then (each one turn of the loop). */
  advance(to: number): void {
    for (;;) {
      const due = this.timers.filter((t) => t.at <= to).sort((a, b) => a.at - b.at || a.order - b.order)[0];
      if (!due) break;
      this.timers.splice(this.timers.indexOf(due), 1);
      this.clock = Math.max(this.clock, due.at);
      this.current = 0;
      due.run();
      if (this.current > 0) this.turns.push(this.current);
    }
    this.clock = to;
  }
}

describe(WallSender.name, () => {
  it('on a quiet wall sends at the next turn: one frame per room, each socket once', () => {
    const rig = new Rig()
      .join('supervisors', 's1', 's2')
      .join('department:zjj', 'z1', 's2')
      .join('department:scjgj', 'c1');

    rig.sender.publish([change(1, 'zjj')]);
    rig.sender.publish([change(2, 'zjj'), change(3, 'scjgj')]);
    rig.sender.publish([]);
    expect(rig.received.size).toBe(0);
    rig.advance(rig.clock);

    expect(Object.fromEntries(rig.received)).toEqual({
      s1: [[1, 2, 3]],
      s2: [[1, 2, 3]],
      z1: [[1, 2]],
      c1: [[3]],
    });
  });

  it('on a busy wall holds changes until the interval since the last flush has passed', () => {
    const rig = new Rig().join('supervisors', 's1');

    rig.sender.publish([change(1, 'zjj')]);
    rig.advance(1000);
    rig.advance(1010);
    rig.sender.publish([change(2, 'zjj')]);
    rig.advance(1030);
    rig.sender.publish([change(3, 'zjj')]);
    rig.advance(1049);
    expect(rig.received.get('s1')).toEqual([[1]]);
    expect(rig.sender.backlog.changes).toBe(2);

    rig.advance(1050);
    expect(rig.received.get('s1')).toEqual([[1], [2, 3]]);
    // quiet again: the next change goes out at once
    rig.advance(1200);
    rig.sender.publish([change(4, 'zjj')]);
    rig.advance(1200);
    expect(rig.received.get('s1')).toEqual([[1], [2, 3], [4]]);
  });

  it('writes at most socketsPerTurn sockets a turn, and every socket gets its frames in order', () => {
    const ids = Array.from({ length: 5 }, (_, i) => `s${i}`);
    const rig = new Rig(2).join('supervisors', ...ids).join('department:zjj', 'z1');

    rig.sender.publish([change(1, 'zjj')]);
    rig.advance(1000);
    rig.sender.publish([change(2, 'zjj')]);
    rig.advance(2000);

    // 6 sockets for each of two flushes, 2 a turn
    expect(rig.turns).toEqual([2, 2, 2, 2, 2, 2]);
    for (const id of [...ids, 'z1']) expect(rig.received.get(id)).toEqual([[1], [2]]);
    expect(rig.sender.backlog).toEqual({ changes: 0, writes: 0 });
  });

  it('holds changes while a flush is still being written, then sends them together', () => {
    const ids = Array.from({ length: 6 }, (_, i) => `s${i}`);
    // 2 sockets a turn, 30 ms a turn: the first frame is written at 1030, 1060 and 1090
    const rig = new Rig(2, 30).join('supervisors', ...ids);

    rig.sender.publish([change(1, 'zjj')]);
    rig.advance(1030);
    rig.sender.publish([change(2, 'zjj')]);
    // past the 50 ms interval, but two sockets still wait for the first frame
    rig.advance(1085);
    rig.sender.publish([change(3, 'zjj')]);
    expect(rig.sender.backlog).toEqual({ changes: 2, writes: 2 });
    rig.advance(2000);

    for (const id of ids) expect(rig.received.get(id)).toEqual([[1], [2, 3]]);
    expect(rig.sender.backlog).toEqual({ changes: 0, writes: 0 });
  });

  it('skips rooms nobody is in and sockets that left before the flush', () => {
    const rig = new Rig().join('supervisors', 's1', 's2');

    rig.sender.publish([change(1, 'scjgj')]);
    rig.rooms.get('supervisors')?.delete('s2');
    rig.advance(1000);

    expect(Object.fromEntries(rig.received)).toEqual({ s1: [[1]] });
  });
});
