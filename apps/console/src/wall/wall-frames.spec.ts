import { framesFor } from './wall-frames';
import type { WallChange } from './wall-protocol';
import { WallGateway } from './wall.gateway';

function change(sequence: number, departmentId: string): WallChange {
  return {
    sequence,
    kind: 'raised',
    signal: {
      alertKey: `C-${sequence}|TIME_OVERDUE|`,
      caseId: `C-${sequence}`,
      itemCode: 'XK-001',
      departmentId,
      ruleId: 'TIME_OVERDUE',
      stage: 'during',
      level: 'yellow',
      raisedAt: '2026-10-08T16:00:00.000Z',
      triggeredBy: 'timer',
      message: '…',
    },
  };
}

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

describe('WallGateway.publish', () => {
  it('sends what arrives within one turn of the event loop as one frame per room', async () => {
    const sent: { room: string; except?: string; changes: WallChange[] }[] = [];
    const gateway = new WallGateway({} as never, {} as never, {} as never, {} as never);
    gateway.server = {
      to: (room: string) => ({
        emit: (_event: string, ...changes: WallChange[]) => sent.push({ room, changes }),
        except: (except: string) => ({
          emit: (_event: string, ...changes: WallChange[]) => sent.push({ room, except, changes }),
        }),
      }),
    } as never;

    gateway.publish([change(1, 'zjj')]);
    gateway.publish([change(2, 'zjj'), change(3, 'scjgj')]);
    gateway.publish([]);
    expect(sent).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));

    expect(sent.map((s) => [s.room, s.except, sequences(s.changes)])).toEqual([
      ['supervisors', undefined, [1, 2, 3]],
      ['department:zjj', 'supervisors', [1, 2]],
      ['department:scjgj', 'supervisors', [3]],
    ]);
  });
});
