import type { WallChange } from '@app/contracts';
import { framesFor } from './wall-frames';
import { wallChange as change } from './testing/wall-change';

const sequences = (changes: WallChange[]) => changes.map((c) => c.sequence);

describe(framesFor.name, () => {
  it('makes one frame per room: every change to the supervisors, each department its own, once per socket', () => {
    const batch = [change(1, 'scjgj'), change(2, 'zjj'), change(3, 'scjgj')];

    const frames = framesFor(batch);

    expect(frames.map((f) => ({ room: f.room, except: f.except, sequences: sequences(f.changes) }))).toEqual([
      { room: 'supervisors', except: undefined, sequences: [1, 2, 3] },
      { room: 'department:scjgj', except: 'supervisors', sequences: [1, 3] },
      { room: 'department:zjj', except: 'supervisors', sequences: [2] },
    ]);
  });

  it('splits a large batch into frames of at most the limit, in order, and makes none for no change', () => {
    const batch = Array.from({ length: 5 }, (_, i) => change(i + 1, 'zjj'));

    const frames = framesFor(batch, 2);

    expect(frames.filter((f) => f.room === 'supervisors').map((f) => sequences(f.changes))).toEqual([
      [1, 2],
      [3, 4],
      [5],
    ]);
    expect(frames).toHaveLength(6);
    expect(framesFor([])).toEqual([]);
  });
});
