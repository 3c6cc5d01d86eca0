import { InMemoryPeerFines } from './peer-fines';
import { InMemoryReceiptRegistry } from './receipt-registry';

describe(InMemoryPeerFines.name, () => {
  const decision = (eventId: string, occurredAtMs: number, fine: number) => ({ eventId, occurredAtMs, fine });

  it('returns the last `window` earlier fines of the same violation and tier, oldest first', () => {
    const sut = new InMemoryPeerFines();
    sut.record('V-1', 'ordinary', decision('a', 1, 100));
    sut.record('V-1', 'lighter', decision('b', 2, 200));
    sut.record('V-2', 'ordinary', decision('c', 3, 300));
    sut.record('V-1', 'ordinary', decision('d', 4, 400));
    sut.record('V-1', 'ordinary', decision('e', 5, 500));

    expect(sut.recent('V-1', 'ordinary', 2, { eventId: 'new', occurredAtMs: 9 })).toEqual([400, 500]);
    expect(sut.recent('V-1', 'ordinary', 10, { eventId: 'new', occurredAtMs: 9 })).toEqual([100, 400, 500]);
  });

  it('is idempotent and never counts the asking decision, nor those recorded after it (re-fold)', () => {
    const sut = new InMemoryPeerFines();
    sut.record('V-1', 'ordinary', decision('a', 1, 100));
    sut.record('V-1', 'ordinary', decision('b', 2, 200));
    sut.record('V-1', 'ordinary', decision('c', 3, 300));
    sut.record('V-1', 'ordinary', decision('b', 2, 200));

    expect(sut.recent('V-1', 'ordinary', 10, { eventId: 'b', occurredAtMs: 2 })).toEqual([100]);
    expect(sut.recent('V-1', 'ordinary', 10, { eventId: 'late', occurredAtMs: 2 })).toEqual([100, 200]);
  });
});

describe(InMemoryReceiptRegistry.name, () => {
  it('keeps the earliest use of a receipt number; on a tie, the first recorded', () => {
    const sut = new InMemoryReceiptRegistry();
    sut.record('R-1', { eventId: 'b', caseId: 'C-2', occurredAtMs: 20 });
    sut.record('R-1', { eventId: 'c', caseId: 'C-3', occurredAtMs: 20 });
    sut.record('R-1', { eventId: 'a', caseId: 'C-1', occurredAtMs: 10 });
    sut.record('R-1', { eventId: 'd', caseId: 'C-4', occurredAtMs: 10 });

    expect(sut.firstUse('R-1')).toEqual({ eventId: 'a', caseId: 'C-1', occurredAtMs: 10 });
    expect(sut.firstUse('R-2')).toBeUndefined();
    expect(sut.size).toBe(1);
  });
});
