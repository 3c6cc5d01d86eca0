import { ChangeCursor } from './change-cursor';

describe(ChangeCursor.name, () => {
  it('applies each sequence once, and nothing the snapshot already holds', () => {
    const sut = new ChangeCursor();
    sut.start(100);
    expect([99, 100, 101, 103, 101, 102, 103].map((s) => sut.accept(s))).toEqual([
      false,
      false,
      true,
      true,
      false,
      true,
      false,
    ]);
  });

  it('asks to resume from the highest sequence, listing what it has and never below the snapshot', () => {
    const sut = new ChangeCursor();
    sut.start(100);
    for (const sequence of [104, 101, 102]) sut.accept(sequence);
    expect(sut.resumeRequest()).toEqual({ from: 104, seen: [101, 102, 104], after: 100 });
    expect(sut.resumeRequest(103)).toEqual({ from: 104, seen: [101, 102, 104], after: 103 });
    expect(sut.resumeRequest(7)).toEqual({ from: 104, seen: [101, 102, 104], after: 100 });
  });

  it('resumes from the snapshot when nothing arrived since', () => {
    const sut = new ChangeCursor();
    sut.start(42);
    expect(sut.resumeRequest()).toEqual({ from: 42, seen: [], after: 42 });
  });

  it('remembers a bounded number of sequences and lists only the most recent ones', () => {
    const sut = new ChangeCursor(5, 3);
    sut.start(0);
    for (let sequence = 1; sequence <= 8; sequence += 1) sut.accept(sequence);
    expect(sut.resumeRequest()).toEqual({ from: 8, seen: [6, 7, 8], after: 0 });
    // 1–3 were forgotten: a duplicate that old would be applied again (the stream state ignores it)
    expect(sut.accept(2)).toBe(true);
    expect(sut.accept(7)).toBe(false);
  });

  it('starts afresh with a new snapshot', () => {
    const sut = new ChangeCursor();
    sut.start(10);
    sut.accept(11);
    sut.start(20);
    expect(sut.accept(11)).toBe(false);
    expect(sut.accept(21)).toBe(true);
    expect(sut.settled).toBe(20);
  });
});
